"""Starting, watching and stopping Hiwar's processes (Rasa, action server, gateway, Telegram).

Owns child processes, their log files under var/logs/ and the Rasa files generated from
settings. Must not contain conversation logic.
"""
