"""PDF documents: plain data in (`paddock.reports.documents`), PDF bytes out.

Renderers, one module each: `entry_list.render_entry_list`,
`classification.render_race_classification` / `render_qualifying_classification` /
`render_results_by_class`, `grid_sheet.render_grid_sheet`, `standings.render_standings`,
`tyres.render_tyre_allocation` / `render_tyre_barcodes`. Nothing is imported here, so
importing the documents module does not load reportlab.
"""
