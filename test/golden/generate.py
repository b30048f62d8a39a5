"""Regenerates every golden file: runs each test/golden/gen_*.py (and test/data/golden/gen_*.py).

gen_keras.py also needs Keras 3 with the JAX backend (pip install keras jax); the others need NumPy only.

Usage: python3 test/golden/generate.py   (npm run golden). Needs python3 with NumPy 2.x.
"""
import pathlib
import subprocess
import sys

here = pathlib.Path(__file__).resolve().parent
scripts = sorted(here.glob("gen_*.py")) + sorted((here.parent / "data" / "golden").glob("gen_*.py"))
failed = []
for script in scripts:
    print(f"== {script.relative_to(here.parent.parent)}")
    if subprocess.run([sys.executable, script.name], cwd=script.parent).returncode != 0:
        failed.append(script.name)
if failed:
    sys.exit(f"failed: {', '.join(failed)}")
