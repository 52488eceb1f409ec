"""Speed machinery for large libraries, behind one switch (switch.py): work shared between forked processes (processes.py)."""
