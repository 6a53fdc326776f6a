extension Fixtures {
    /// A web shop order (camelCase, items with string prices) → an accounting system's invoice (snake_case,
    /// lines).
    static let shopOrderToAccountingInvoice = #"""
        {
          "source": {"name": "Order", "schema": {"type": "object", "properties": {
            "orderId": {"type": "integer"},
            "orderNumber": {"type": "string", "description": "The number shown to the buyer, e.g. WS-10023."},
            "placedAt": {"type": "string", "format": "date-time", "description": "When the buyer placed the order."},
            "currencyIsoCode": {"type": "string", "description": "ISO 4217 code of the order's currency."},
            "customer": {"type": "object", "properties": {
              "customerId": {"type": "integer"},
              "email": {"type": "string", "format": "email"},
              "firstName": {"type": "string"},
              "lastName": {"type": "string"},
              "phone": {"type": "string"}
            }},
            "billTo": {"type": "object", "properties": {
              "line1": {"type": "string"},
              "line2": {"type": "string"},
              "locality": {"type": "string"},
              "region": {"type": "string"},
              "postcode": {"type": "string"},
              "countryIso": {"type": "string", "description": "Two-letter ISO 3166 country code."}
            }},
            "items": {"type": "array", "items": {"type": "object", "properties": {
              "productSku": {"type": "string"},
              "productName": {"type": "string"},
              "qty": {"type": "integer"},
              "unitPriceAmount": {"type": "string", "description": "Price of one unit, as a decimal string."},
              "lineTotal": {"type": "string"},
              "taxRate": {"type": "number", "description": "Tax rate in percent."}
            }}},
            "subtotal": {"type": "string"},
            "shippingCost": {"type": "string"},
            "taxTotal": {"type": "string"},
            "grandTotal": {"type": "string"},
            "notes": {"type": "string"},
            "paymentStatus": {"type": "string", "enum": ["pending", "paid", "refunded"]}
          }}},
          "target": {"name": "Invoice", "schema": {"type": "object", "properties": {
            "invoice_id": {"type": "string", "format": "uuid", "readOnly": true},
            "invoice_date": {"type": "string", "format": "date"},
            "due_date": {"type": "string", "format": "date"},
            "reference": {"type": "string", "description": "Your reference for the invoice, such as an order number."},
            "currency": {"type": "string", "description": "ISO 4217 currency code."},
            "customer_email": {"type": "string"},
            "billing_address": {"type": "object", "properties": {
              "address_line1": {"type": "string"},
              "address_line2": {"type": "string"},
              "city": {"type": "string"},
              "state": {"type": "string"},
              "postal_code": {"type": "string"},
              "country_code": {"type": "string"}
            }},
            "lines": {"type": "array", "items": {"type": "object", "properties": {
              "item_code": {"type": "string"},
              "description": {"type": "string"},
              "quantity": {"type": "number"},
              "unit_amount": {"type": "number"},
              "tax_percent": {"type": "number"},
              "line_amount": {"type": "number"}
            }}},
            "total_tax": {"type": "number"},
            "total": {"type": "number"},
            "memo": {"type": "string"}
          }}},
          "mapping": [
            {"source": "placedAt", "target": "invoice_date", "kind": "transform", "jsonata": "$substring(placedAt, 0, 10)"},
            {"source": "currencyIsoCode", "target": "currency", "kind": "direct"},
            {"source": "orderNumber", "target": "reference", "kind": "direct"},
            {"source": "customer.email", "target": "customer_email", "kind": "direct"},
            {"source": "billTo.line1", "target": "billing_address.address_line1", "kind": "direct"},
            {"source": "billTo.line2", "target": "billing_address.address_line2", "kind": "direct"},
            {"source": "billTo.locality", "target": "billing_address.city", "kind": "direct"},
            {"source": "billTo.region", "target": "billing_address.state", "kind": "direct"},
            {"source": "billTo.postcode", "target": "billing_address.postal_code", "kind": "direct"},
            {"source": "billTo.countryIso", "target": "billing_address.country_code", "kind": "direct"},
            {"source": "items[].productSku", "target": "lines[].item_code", "kind": "direct"},
            {"source": "items[].productName", "target": "lines[].description", "kind": "direct"},
            {"source": "items[].qty", "target": "lines[].quantity", "kind": "direct"},
            {"source": "items[].unitPriceAmount", "target": "lines[].unit_amount", "kind": "transform", "jsonata": "$number(unitPriceAmount)"},
            {"source": "items[].taxRate", "target": "lines[].tax_percent", "kind": "direct"},
            {"source": "items[].lineTotal", "target": "lines[].line_amount", "kind": "transform", "jsonata": "$number(lineTotal)"},
            {"source": "taxTotal", "target": "total_tax", "kind": "transform", "jsonata": "$number(taxTotal)"},
            {"source": "grandTotal", "target": "total", "kind": "transform", "jsonata": "$number(grandTotal)"},
            {"source": "notes", "target": "memo", "kind": "direct"}
          ],
          "deliberately_unmapped": ["orderId", "paymentStatus", "customer.customerId", "shippingCost"]
        }
        """#
}
