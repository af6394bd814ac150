# raytrace: a small ray tracer with a vector class whose methods (dot, mag, norm, scale, ...)
# are called from many sites: spheres and planes, diffuse and specular lighting, reflections.
# quick-arg: 12
import sys


class Vec:
    def __init__(self, x, y, z):
        self.x = x
        self.y = y
        self.z = z

    def add(self, o):
        return Vec(self.x + o.x, self.y + o.y, self.z + o.z)

    def sub(self, o):
        return Vec(self.x - o.x, self.y - o.y, self.z - o.z)

    def scale(self, k):
        return Vec(self.x * k, self.y * k, self.z * k)

    def dot(self, o):
        return self.x * o.x + self.y * o.y + self.z * o.z

    def mag(self):
        return self.dot(self) ** 0.5

    def norm(self):
        m = self.mag()
        return self.scale(1.0 / m) if m > 0.0 else self

    def cross(self, o):
        return Vec(self.y * o.z - self.z * o.y, self.z * o.x - self.x * o.z, self.x * o.y - self.y * o.x)


class Ray:
    def __init__(self, origin, direction):
        self.origin = origin
        self.direction = direction.norm()

    def at(self, t):
        return self.origin.add(self.direction.scale(t))


class Sphere:
    def __init__(self, center, radius, color, reflect):
        self.center = center
        self.radius = radius
        self.color = color
        self.reflect = reflect

    def hit(self, ray):
        oc = ray.origin.sub(self.center)
        b = oc.dot(ray.direction)
        c = oc.dot(oc) - self.radius * self.radius
        disc = b * b - c
        if disc < 0.0:
            return -1.0
        s = disc ** 0.5
        t = -b - s
        if t > 1e-6:
            return t
        t = -b + s
        return t if t > 1e-6 else -1.0

    def normal(self, p):
        return p.sub(self.center).norm()


class Plane:
    def __init__(self, point, normal_vec, color, reflect):
        self.point = point
        self.n = normal_vec.norm()
        self.color = color
        self.reflect = reflect

    def hit(self, ray):
        d = self.n.dot(ray.direction)
        if -1e-9 < d < 1e-9:
            return -1.0
        t = self.point.sub(ray.origin).dot(self.n) / d
        return t if t > 1e-6 else -1.0

    def normal(self, p):
        return self.n


class Scene:
    def __init__(self):
        self.objects = []
        self.lights = []

    def closest(self, ray):
        best = None
        best_t = 1e30
        for o in self.objects:
            t = o.hit(ray)
            if 0.0 < t < best_t:
                best_t = t
                best = o
        return best, best_t

    def shade(self, ray, depth):
        obj, t = self.closest(ray)
        if obj is None:
            return Vec(0.1, 0.1, 0.15)
        p = ray.at(t)
        n = obj.normal(p)
        color = obj.color.scale(0.1)
        for light in self.lights:
            to_light = light.sub(p)
            dist = to_light.mag()
            ldir = to_light.norm()
            shadow_ray = Ray(p.add(n.scale(1e-4)), ldir)
            blocker, bt = self.closest(shadow_ray)
            if blocker is not None and bt < dist:
                continue
            diffuse = n.dot(ldir)
            if diffuse > 0.0:
                color = color.add(obj.color.scale(diffuse * 0.7))
            h = ldir.sub(ray.direction).norm()
            spec = n.dot(h)
            if spec > 0.0:
                color = color.add(Vec(1.0, 1.0, 1.0).scale(spec ** 16 * 0.3))
        if depth < 3 and obj.reflect > 0.0:
            r = ray.direction.sub(n.scale(2.0 * ray.direction.dot(n)))
            refl = self.shade(Ray(p.add(n.scale(1e-4)), r), depth + 1)
            color = color.scale(1.0 - obj.reflect).add(refl.scale(obj.reflect))
        return color


def render(width, height):
    scene = Scene()
    scene.objects.append(Sphere(Vec(0.0, 1.0, 5.0), 1.0, Vec(0.9, 0.2, 0.2), 0.3))
    scene.objects.append(Sphere(Vec(-2.0, 0.7, 6.0), 0.7, Vec(0.2, 0.9, 0.2), 0.1))
    scene.objects.append(Sphere(Vec(2.0, 0.5, 4.5), 0.5, Vec(0.2, 0.3, 0.9), 0.5))
    scene.objects.append(Plane(Vec(0.0, 0.0, 0.0), Vec(0.0, 1.0, 0.0), Vec(0.8, 0.8, 0.8), 0.2))
    scene.lights.append(Vec(-3.0, 5.0, 0.0))
    scene.lights.append(Vec(4.0, 3.0, 1.0))
    eye = Vec(0.0, 1.2, -1.0)
    forward = Vec(0.0, -0.05, 1.0).norm()
    right = Vec(0.0, 1.0, 0.0).cross(forward).norm()
    up = forward.cross(right)
    checksum = 0
    for j in range(height):
        for i in range(width):
            u = (i + 0.5) / width * 2.0 - 1.0
            v = 1.0 - (j + 0.5) / height * 2.0
            d = forward.add(right.scale(u * 0.8)).add(up.scale(v * 0.6))
            c = scene.shade(Ray(eye, d), 0)
            r = min(255, int(c.x * 255))
            g = min(255, int(c.y * 255))
            b = min(255, int(c.z * 255))
            checksum = (checksum * 31 + r * 65536 + g * 256 + b) % 1000000007
    return checksum


def main(size):
    print(render(size * 4, size * 3))


main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
