extension Fixtures {
    /// Held out: an ERP purchase order (snake_case) → a supplier's order intake API (camelCase, other words).
    /// Written after the last change to the vocabulary and not tuned on.
    static let purchaseOrderToSupplierOrder = #"""
        {
          "source": {"name": "PurchaseOrder", "schema": {"type": "object", "properties": {
            "po_number": {"type": "string"},
            "order_date": {"type": "string", "format": "date"},
            "supplier": {"type": "object", "properties": {
              "vendor_no": {"type": "string"},
              "name": {"type": "string"},
              "email": {"type": "string"}
            }},
            "ship_to": {"type": "object", "properties": {
              "name": {"type": "string"},
              "address_line1": {"type": "string"},
              "city": {"type": "string"},
              "postal_code": {"type": "string"},
              "country": {"type": "string", "description": "ISO 3166-1 alpha-2 country code."}
            }},
            "lines": {"type": "array", "items": {"type": "object", "properties": {
              "line_no": {"type": "integer"},
              "item_no": {"type": "string"},
              "description": {"type": "string"},
              "quantity": {"type": "number"},
              "unit_cost": {"type": "number"},
              "uom": {"type": "string"},
              "expected_receipt_date": {"type": "string", "format": "date"}
            }}},
            "currency_code": {"type": "string"},
            "total_amount": {"type": "number"},
            "buyer_name": {"type": "string"},
            "status": {"type": "string", "enum": ["draft", "released", "received", "closed"]}
          }}},
          "target": {"name": "SupplierOrder", "schema": {"type": "object", "properties": {
            "customerReference": {"type": "string", "description": "The buyer's own order reference."},
            "orderedOn": {"type": "string", "format": "date"},
            "deliveryAddress": {"type": "object", "properties": {
              "recipient": {"type": "string"},
              "street": {"type": "string"},
              "city": {"type": "string"},
              "zip": {"type": "string"},
              "countryCode": {"type": "string"}
            }},
            "items": {"type": "array", "items": {"type": "object", "properties": {
              "productCode": {"type": "string"},
              "title": {"type": "string"},
              "count": {"type": "integer"},
              "price": {"type": "number"},
              "unit": {"type": "string"},
              "deliveryDate": {"type": "string", "format": "date"}
            }}},
            "currency": {"type": "string"},
            "orderTotal": {"type": "number"},
            "contactPerson": {"type": "string"}
          }}},
          "mapping": [
            {"source": "po_number", "target": "customerReference", "kind": "direct"},
            {"source": "order_date", "target": "orderedOn", "kind": "direct"},
            {"source": "ship_to.name", "target": "deliveryAddress.recipient", "kind": "direct"},
            {"source": "ship_to.address_line1", "target": "deliveryAddress.street", "kind": "direct"},
            {"source": "ship_to.city", "target": "deliveryAddress.city", "kind": "direct"},
            {"source": "ship_to.postal_code", "target": "deliveryAddress.zip", "kind": "direct"},
            {"source": "ship_to.country", "target": "deliveryAddress.countryCode", "kind": "direct"},
            {"source": "lines[].item_no", "target": "items[].productCode", "kind": "direct"},
            {"source": "lines[].description", "target": "items[].title", "kind": "direct"},
            {"source": "lines[].quantity", "target": "items[].count", "kind": "direct"},
            {"source": "lines[].unit_cost", "target": "items[].price", "kind": "direct"},
            {"source": "lines[].uom", "target": "items[].unit", "kind": "direct"},
            {"source": "lines[].expected_receipt_date", "target": "items[].deliveryDate", "kind": "direct"},
            {"source": "currency_code", "target": "currency", "kind": "direct"},
            {"source": "total_amount", "target": "orderTotal", "kind": "direct"},
            {"source": "buyer_name", "target": "contactPerson", "kind": "direct"}
          ],
          "deliberately_unmapped": ["supplier", "status", "lines[].line_no"]
        }
        """#
}
