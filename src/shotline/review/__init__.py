"""Review: task versions, notes with frames and drawings, approvals and status automation."""
