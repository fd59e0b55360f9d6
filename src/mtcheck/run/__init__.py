"""The batch job behind ``mtcheck check``: pipeline, chunks, worker processes, the results cache, progress, interrupts.

Lives here: how a stream of articles is read, cut into chunks, checked (serially or in workers) and handed to sinks.
May import every layer below it (reporters, engine, results, rules, align, readers, facts, ...); only ``cli`` imports it.
"""
