import WeftJSON

extension ShopifySimulator {
    /// Seven orders of a small store: ids 5001...5007, updated a day apart from 2026-01-01, #1004 cancelled.
    static func seedOrders() -> [JSON] {
        (1...7).map { index -> JSON in
            let sku = index % 2 == 0 ? "MUG-BLUE" : "TEE-M-BLACK"
            let price = index % 2 == 0 ? "12.50" : "24.00"
            let quantity = Double(index % 3 + 1)
            let total = String(format: "%.2f", (Double(price) ?? 0) * quantity)
            return [
                "id": .number(Double(5000 + index)), "name": .string("#\(1000 + index)"),
                "order_number": .number(Double(1000 + index)),
                "email": .string(index == 3 ? "ada@example.com" : "buyer\(index)@example.com"),
                "created_at": .string("2026-01-0\(index)T09:00:00-05:00"),
                "updated_at": .string("2026-01-0\(index)T10:30:00-05:00"),
                "processed_at": .string("2026-01-0\(index)T09:00:00-05:00"),
                "cancelled_at": index == 4 ? "2026-01-04T11:00:00-05:00" : .null, "closed_at": .null,
                "financial_status": index == 5 ? "pending" : "paid", "fulfillment_status": .null, "currency": "USD",
                "subtotal_price": .string(total), "total_tax": "0.00", "total_discounts": "0.00",
                "total_price": .string(total), "note": .null, "tags": "",
                "customer": [
                    "id": .number(Double(index == 3 ? 7001 : 7100 + index)),
                    "email": .string(index == 3 ? "ada@example.com" : "buyer\(index)@example.com"),
                ],
                "billing_address": [
                    "first_name": "Ada", "last_name": "Lovelace", "address1": "12 St James's Square",
                    "city": "London", "zip": "SW1Y 4JH", "country_code": "GB",
                ],
                "shipping_address": .null,
                "line_items": [
                    [
                        "id": .number(Double(60000 + index)), "product_id": 8001,
                        "variant_id": .number(Double(8100 + index % 2)),
                        "sku": .string(sku), "title": index % 2 == 0 ? "Blue mug" : "Black tee (M)",
                        "quantity": .number(quantity), "price": .string(price), "total_discount": "0.00",
                        "taxable": true,
                    ]
                ],
            ]
        }
    }

    /// Four customers; Ada (7001) is tagged `wholesale`.
    static func seedCustomers() -> [JSON] {
        [
            customer(7001, "ada@example.com", "Ada", "Lovelace", tags: "wholesale, vip", day: 2),
            customer(7002, "grace@example.com", "Grace", "Hopper", tags: "", day: 3),
            customer(7003, "edsger@example.com", "Edsger", "Dijkstra", tags: "wholesale", day: 4),
            customer(7004, "barbara@example.com", "Barbara", "Liskov", tags: "", day: 5),
        ]
    }

    private static func customer(_ id: Int, _ email: String, _ first: String, _ last: String, tags: String, day: Int)
        -> JSON
    {
        [
            "id": .number(Double(id)), "email": .string(email), "phone": .null, "first_name": .string(first),
            "last_name": .string(last), "state": "enabled", "tags": .string(tags), "note": .null, "orders_count": 1,
            "total_spent": "24.00", "created_at": "2025-12-01T08:00:00-05:00",
            "updated_at": .string("2026-01-0\(day)T08:00:00-05:00"), "default_address": .null,
        ]
    }

    /// Three products with one or two variants.
    static func seedProducts() -> [JSON] {
        [
            [
                "id": 8001, "title": "Black tee", "handle": "black-tee", "status": "active", "vendor": "Weft Supply",
                "product_type": "Apparel", "updated_at": "2026-01-02T08:00:00-05:00",
                "variants": [
                    [
                        "id": 8101, "sku": "TEE-M-BLACK", "price": "24.00", "inventory_item_id": 9101,
                        "inventory_quantity": 40,
                    ],
                    [
                        "id": 8102, "sku": "TEE-L-BLACK", "price": "24.00", "inventory_item_id": 9102,
                        "inventory_quantity": 12,
                    ],
                ],
            ],
            [
                "id": 8002, "title": "Blue mug", "handle": "blue-mug", "status": "active", "vendor": "Weft Supply",
                "product_type": "Kitchen", "updated_at": "2026-01-03T08:00:00-05:00",
                "variants": [
                    [
                        "id": 8100, "sku": "MUG-BLUE", "price": "12.50", "inventory_item_id": 9100,
                        "inventory_quantity": 75,
                    ]
                ],
            ],
            [
                "id": 8003, "title": "Sticker pack", "handle": "sticker-pack", "status": "draft",
                "vendor": "Weft Supply",
                "product_type": "Stationery", "updated_at": "2026-01-04T08:00:00-05:00",
                "variants": [
                    [
                        "id": 8103, "sku": "STICK-5", "price": "4.00", "inventory_item_id": 9103,
                        "inventory_quantity": 300,
                    ]
                ],
            ],
        ]
    }
}
