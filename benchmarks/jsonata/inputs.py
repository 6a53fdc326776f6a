#!/usr/bin/env python3
"""Derive the Stripe benchmark inputs from the shared fixture file at run time.

Usage: inputs.py FIXTURES OUTDIR

FIXTURES is shared/data/samples/stripe-fixtures3.json (its `resources` object holds one
example of each Stripe object). Nothing from it is committed: this writes, into OUTDIR,
compact JSON documents built from its `customer`, `charge` and `invoice` objects:

  customer.json  the customer; its contact fields are null in the fixture, so a name,
                 email, phone and address are filled in for the string functions to work on
  charge.json    the charge, unchanged
  invoice.json   the invoice, its single line repeated as 8 lines with varied product,
                 amount, quantity and period (for grouping and dates)
  charges.json   a list response (`{"object": "list", "data": [...]}`) of 12 charges
                 varied from the fixture's charge (amount, currency, status, refunds)
"""

import copy
import json
import sys


def write(outdir, name, doc):
    with open(f"{outdir}/{name}", "w") as f:
        json.dump(doc, f, separators=(",", ":"))


def main(fixtures, outdir):
    with open(fixtures) as f:
        resources = json.load(f)["resources"]

    customer = copy.deepcopy(resources["customer"])
    customer.update(
        name="jenny rosen",
        email="Jenny.Rosen@Example.com",
        phone="+1 415 555 0134",
        description="Enterprise account, EU region",
        preferred_locales=["en-GB", "fr-FR"],
        metadata={"crm_id": "0031t00000Xyz", "segment": "enterprise"},
    )
    customer["address"].update(
        line1="510 Townsend St", city="San Francisco", postal_code="94103", state="CA", country="US"
    )
    write(outdir, "customer.json", customer)

    charge = resources["charge"]
    write(outdir, "charge.json", charge)

    invoice = copy.deepcopy(resources["invoice"])
    line = invoice["lines"]["data"][0]
    products = ["Pro plan", "Extra seats", "Support add-on", "Storage 100 GB"]
    lines = []
    for i in range(8):
        item = copy.deepcopy(line)
        item["id"] = f"{line['id']}_{i}"
        item["description"] = products[i % len(products)]
        item["quantity"] = 1 + i % 3
        item["amount"] = 1000 + 250 * i
        item["period"] = {"start": 1721954054 + 86400 * i, "end": 1721954054 + 86400 * (i + 30)}
        lines.append(item)
    invoice["lines"]["data"] = lines
    write(outdir, "invoice.json", invoice)

    statuses = ["succeeded", "succeeded", "failed", "succeeded", "pending", "succeeded"]
    charges = []
    for i in range(12):
        item = copy.deepcopy(charge)
        item["id"] = f"{charge['id']}{i:02d}"
        item["amount"] = 100 + 450 * i
        item["currency"] = ["usd", "eur", "gbp"][i % 3]
        item["status"] = statuses[i % len(statuses)]
        item["refunded"] = i % 5 == 4
        item["amount_refunded"] = item["amount"] if item["refunded"] else 0
        item["created"] = 1721954054 + 3600 * i
        charges.append(item)
    write(outdir, "charges.json", {"object": "list", "data": charges, "has_more": False, "url": "/v1/charges"})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
