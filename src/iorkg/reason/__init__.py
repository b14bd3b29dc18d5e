"""Reasoning: HermiT consistency (`consistency`) and the OWL 2 RL closure case by case (`closure`)."""
