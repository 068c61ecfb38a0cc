"""The scholars' review queue: questions the bot could not answer, grouped into "what to write next".

Records abstentions and "talk to a scholar" requests (pseudonym only), groups similar
questions with any sentence encoder, links a group to a knowledge entry and lists the
askers who asked to be told. It never sends messages itself: channels do.
"""
