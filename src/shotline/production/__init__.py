"""Projects, crew, departments, episodes, sequences, shots, assets, asset links."""
