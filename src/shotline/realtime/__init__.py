"""The live stream: Server-Sent Events fed by the event log, fanned out across processes."""
