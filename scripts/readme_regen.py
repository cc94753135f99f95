#!/usr/bin/env python3
"""Regenerate README example outputs (usage: scripts/readme_regen.py README.md target/release/authwiz): each ```text block starting with `$ authwiz ...` is
re-run; the shown lines (up to a `...` line, if any) are replaced with the first lines of
the real output, keeping the shown length unless --extend N is given for a block."""
import subprocess, sys, shlex, os
path = sys.argv[1]
binary = sys.argv[2]
lines = open(path).read().split('\n')
out = []
i = 0
while i < len(lines):
    out.append(lines[i])
    if lines[i] == '```text' and i + 1 < len(lines) and lines[i+1].startswith('$ authwiz'):
        i += 1
        cmd_lines = []
        while True:
            cmd_lines.append(lines[i]); out.append(lines[i])
            if not lines[i].endswith('\\'):
                break
            i += 1
        i += 1
        cmd = ' '.join(l.rstrip('\\').strip() for l in cmd_lines)[2:]
        shown = []
        ell = False
        while lines[i] != '```':
            if lines[i] == '...':
                ell = True
            shown.append(lines[i]); i += 1
        n = len(shown) - (1 if ell else 0)
        args = shlex.split(cmd)[1:]
        env = dict(os.environ, NO_COLOR='1')
        env.pop('COLUMNS', None)  # the README test runs without it: output fits 80 columns
        real = subprocess.run([binary] + args, capture_output=True, text=True, env=env).stdout.split('\n')
        if real and real[-1] == '':
            real = real[:-1]
        if ell:
            out.extend(real[:n]); out.append('...')
        else:
            out.extend(real)
        out.append('```')
    i += 1
open(path, 'w').write('\n'.join(out))
