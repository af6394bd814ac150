# socket over chaipy's _socket: socketpair, a TCP server and client on 127.0.0.1, datagrams,
# timeouts, makefile, name and address helpers, errors; asyncio (which needs socket) runs a gather.
import asyncio
import socket

a, b = socket.socketpair()
print(a.family, a.type, b.family == socket.AF_UNIX)
a.sendall(b"hello")
print(b.recv(100))
b.send(memoryview(b"xyz"))
buf = bytearray(10)
print(a.recv_into(buf), bytes(buf[:3]))
print(a.gettimeout(), a.getblocking())
a.settimeout(0.05)
try:
    a.recv(10)
except TimeoutError as e:
    print("TimeoutError", e)
a.setblocking(False)
try:
    a.recv(10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno)
print(a.gettimeout(), a.getblocking())
a.close()
b.close()
print(a.fileno(), repr(a)[:40].startswith("<socket.socket [closed]"))
try:
    a.recv(1)
except OSError as e:
    print(type(e).__name__, e.errno)

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
print(srv.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR) != 0)
srv.bind(("127.0.0.1", 0))
srv.listen()
host, port = srv.getsockname()
print(host, port > 0)
cli = socket.create_connection((host, port))
conn, addr = srv.accept()
print(addr[0], conn.getpeername() == cli.getsockname())
cli.sendall(b"line one\nline two\n")
f = conn.makefile("rb")
print(f.readline(), f.readline())
f.close()
conn.sendall(b"bye")
conn.shutdown(socket.SHUT_WR)
chunks = []
while True:
    data = cli.recv(2)
    if not data:
        break
    chunks.append(data)
print(b"".join(chunks))
with conn, cli:
    pass
print(conn.fileno(), cli.fileno())
srv.close()
try:
    socket.create_connection((host, port), timeout=1)
except ConnectionRefusedError as e:
    print("ConnectionRefusedError")
print(socket.socket().connect_ex((host, port)) != 0)

u1 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u1.bind(("127.0.0.1", 0))
u2 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u2.sendto(b"datagram", u1.getsockname())
data, frm = u1.recvfrom(100)
print(data, frm[0], u1.type)
u1.close()
u2.close()

print(socket.inet_aton("1.2.3.4"), socket.inet_ntoa(b"\x7f\x00\x00\x01"))
print(socket.inet_pton(socket.AF_INET6, "::1"), socket.inet_ntop(socket.AF_INET6, bytes(15) + b"\x01"))
print(socket.htons(1), socket.ntohl(1), socket.htonl(0x01020304))
for bad in (lambda: socket.inet_aton("1.2.3.x"), lambda: socket.htons(-1), lambda: socket.htons(70000),
            lambda: socket.socket().bind(("127.0.0.1", 70000)), lambda: socket.socket().bind("x"),
            lambda: socket.inet_ntop(socket.AF_INET, b"12")):
    try:
        bad()
    except (OSError, OverflowError, TypeError, ValueError) as e:
        print(type(e).__name__, e)
infos = socket.getaddrinfo("127.0.0.1", 80, socket.AF_INET, socket.SOCK_STREAM)
print(infos[0][0], infos[0][1], infos[0][4])
print(socket.gethostbyname("127.0.0.1"), isinstance(socket.gethostname(), str))
print(socket.getdefaulttimeout(), socket.error is OSError, socket.timeout is TimeoutError)
print(issubclass(socket.gaierror, OSError), socket.gaierror.__module__)
print(socket.AF_INET, repr(socket.SOCK_DGRAM), socket.AddressFamily(10))


async def double(x):
    await asyncio.sleep(0)
    return 2 * x


async def main():
    return await asyncio.gather(*(double(i) for i in range(4)))

print(asyncio.run(main()))
