"""End-to-end benchmark: simulated chat users on loopback, latency, throughput and memory.

Owns the load generator (``e2e``), the message mixes (``conversations``), the statistics and
the report (``report``), per-process memory and CPU sampling (``memory``), and the two systems
under test: Hiwar's own stack in a private ``var/bench/`` (``hiwar_stack``) and the stock
``rasa init`` bot it is compared with (``stock``). It never touches the developer's ``var/``
beyond reading the trained model, and never sends a request beyond 127.0.0.1.
"""
