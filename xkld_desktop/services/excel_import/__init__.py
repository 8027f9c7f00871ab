"""Nhập danh sách từ Excel — import the sheets communes keep, and merge many communes' files.

The steps, each a module, each usable alone (the wizard and the ``import`` command share them):

1. :mod:`.reader` reads a sheet safely (file type sniffed, zip sizes and sheet dimensions checked
   before parsing, rows/columns/cell length capped) into plain Python values;
2. :mod:`.headers` finds the header row under the title rows, understands merged two-row
   headers and maps header words to fields (remembering the user's corrections);
3. :mod:`.values` turns cell values into field values (day-first dates, lost leading zeros,
   gender marks, market names);
4. :mod:`.preview` builds every row as it will be stored, with its problems in Vietnamese and its
   match against the database (record UUID, then CCCD, then name + birth year as a candidate);
5. :mod:`.commit` writes the accepted rows in one transaction, all or nothing, recording each
   record's source in the audit log under one batch id so that the import can be undone.
"""

from __future__ import annotations
