// A2A module: see docs/ARCHITECTURE in README.
