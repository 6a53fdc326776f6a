import WeftJSON

extension BusinessCentralSimulator {
    /// Five customers (changed a day apart from 2026-01-02), six items (among them the ServiceTitan SKUs
    /// SVC-HOUR and FILTER-16X25), one sales order and one invoice with a line each.
    static func seed() -> [String: [JSON]] {
        let start: Double = 1_767_340_800_000  // 2026-01-02T08:00:00Z
        let day: Double = 86_400_000
        let names = [
            ("C10000", "Adatum Corporation", "Atlanta"), ("C10001", "Trey Research", "Chicago"),
            ("C10002", "School of Fine Art", "Miami"), ("C10003", "Alpine Ski House", "Denver"),
            ("C10004", "Relecloud", "Seattle"),
        ]
        let customers = names.enumerated().map { index, row in
            customer(
                id: guid(index + 1), number: row.0, name: row.1, city: row.2, modified: start + Double(index) * day)
        }
        let catalog: [(String, String, String, Double)] = [
            ("1896-S", "ATHENS Desk", "Inventory", 1_000.8), ("1900-S", "PARIS Guest Chair, black", "Inventory", 192.8),
            ("1908-S", "LONDON Swivel Chair, blue", "Inventory", 190.1), ("SVC-HOUR", "Technician hour", "Service", 95),
            ("FILTER-16X25", "Air filter 16x25", "Inventory", 55), ("TRAVEL", "Travel charge", "Non-Inventory", 40),
        ]
        let items = catalog.enumerated().map { index, row -> JSON in
            let id = guid(100 + index)
            return [
                "@odata.etag": .string(etag(id, version: 1)), "id": .string(id), "number": .string(row.0),
                "displayName": .string(row.1), "type": .string(row.2), "blocked": false,
                "baseUnitOfMeasureCode": row.2 == "Service" ? "HOUR" : "PCS", "unitPrice": .number(row.3),
                "unitCost": .number((row.3 * 60).rounded() / 100), "inventory": row.2 == "Inventory" ? 25 : 0,
                "gtin": "", "itemCategoryCode": "", "lastModifiedDateTime": "2025-12-01T09:00:00.000Z",
            ]
        }
        let order = guid(200)
        let invoice = guid(201)
        let line = { (id: String, document: String) -> JSON in
            [
                "id": .string(id), "documentId": .string(document), "sequence": 10_000, "lineType": "Item",
                "lineObjectNumber": "1900-S", "itemId": items[1]["id"] ?? .null,
                "description": "PARIS Guest Chair, black",
                "unitOfMeasureCode": "PCS", "quantity": 2, "unitPrice": 192.8, "discountPercent": 0,
                "amountExcludingTax": 385.6, "taxPercent": 0, "amountIncludingTax": 385.6,
            ]
        }
        let header = { (id: String, number: String) -> JSON in
            [
                "@odata.etag": .string(etag(id, version: 1)), "id": .string(id), "number": .string(number),
                "externalDocumentNumber": "", "postingDate": "2026-01-03", "customerId": .string(guid(2)),
                "customerNumber": "C10001", "customerName": "Trey Research", "currencyCode": "USD",
                "totalAmountExcludingTax": 385.6, "totalTaxAmount": 0, "totalAmountIncludingTax": 385.6,
                "lastModifiedDateTime": "2026-01-03T10:00:00.000Z",
            ]
        }
        return [
            "customers": customers, "items": items,
            "salesOrders": [
                header(order, "S-ORD101001").merging([
                    "orderDate": "2026-01-03", "status": "Open", "fullyShipped": false,
                ])
            ],
            "salesOrderLines": [line(guid(300), order)],
            "salesInvoices": [
                header(invoice, "S-INV102001").merging([
                    "invoiceDate": "2026-01-03", "dueDate": "2026-02-02", "status": "Open", "remainingAmount": 385.6,
                ])
            ],
            "salesInvoiceLines": [line(guid(301), invoice)],
        ]
    }

    /// A customer record with the defaults Business Central gives a new one.
    static func customer(id: String, number: String, name: String, city: String, modified: Double) -> JSON {
        [
            "@odata.etag": .string(etag(id, version: Int(modified / 1000))), "id": .string(id),
            "number": .string(number),
            "displayName": .string(name), "type": "Company", "addressLine1": "", "addressLine2": "",
            "city": .string(city), "state": "", "country": "US", "postalCode": "", "phoneNumber": "", "email": "",
            "website": "", "taxLiable": false, "currencyCode": "USD", "blocked": " ", "balanceDue": 0,
            "creditLimit": 0, "lastModifiedDateTime": .string(iso(modified)),
        ]
    }
}
