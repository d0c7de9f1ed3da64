// Terminal module: see docs/ARCHITECTURE in README.
