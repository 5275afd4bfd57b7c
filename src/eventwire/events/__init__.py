"""Events: decide which clauses report an interaction and code them (CAMEO, PLOVER, actors).

Data flows ontology -> patterns -> matcher (dependency parse) -> coder (EventRecords).
"""
