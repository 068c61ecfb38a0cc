"""Scripts run by the Rasa environment's Python (3.10, rasa installed), never imported by ours.

They live in their own folder so that, run as scripts, their directory on sys.path
shadows no standard-library module (bot/dialogue has a queue.py).
"""
