"""Data in and out where account teams keep it: Salesforce, Excel, graph tools.

A consumer layer: it reads foreign files into ``influence/v1`` documents
(validated by the same rules as any account file) and writes accounts into
foreign formats. Nothing here prints; the command line writes the results
atomically.
"""

from influence.exchange.graphfiles import GRAPH_FORMATS, export_graph, graph_for_tools

__all__ = ["GRAPH_FORMATS", "export_graph", "graph_for_tools"]
