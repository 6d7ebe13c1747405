"""Curated facts: entities and the evidence-backed claims made about them."""

from graphkit.facts.load import load_facts
from graphkit.facts.model import Claim, Entity, Fact, FactBase

__all__ = ["Claim", "Entity", "Fact", "FactBase", "load_facts"]
