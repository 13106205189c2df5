"""Operations data (issue 17): platform metrics in, the dashboard, the export and the digests."""
