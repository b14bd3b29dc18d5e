"""Exchange with other tools: REFI-QDA projects (.qdpx) in and out, REFI-QDA codebooks (.qdc) out."""
