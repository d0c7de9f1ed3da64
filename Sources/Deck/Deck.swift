// Deck module: see docs/ARCHITECTURE in README.
