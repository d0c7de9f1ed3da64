// Screen module: see docs/ARCHITECTURE in README.
