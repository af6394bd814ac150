vals = [0.0, -0.0, 0.5, 1.5, 2.5, 0.125, 1e-10, 1e10, 123.456, -9.995, float('inf'), float('nan')]
for v in vals:
    print(f'{v:.0f}|{v:.1f}|{v:.2e}|{v:g}|{v:10.4g}|{v:%}')
