"""Facts: what the rules read about one report, extracted once per document and exposed on `Context`.

Each module here turns the document model (and the rule data) into typed, documented facts; rules
(`checker/checks/`) are predicates over them. Data flows one way: model → facts → rules.
"""
