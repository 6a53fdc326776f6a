import Testing
import WeftJSON
import WeftStore

@Suite("Secret sealing")
struct SecretSealerTests {
    let tenantA: StoreID = "org_aaaaaaaaaaaaaaaaaaaa"
    let tenantB: StoreID = "org_bbbbbbbbbbbbbbbbbbbb"
    let row = SecretSealer.row(kind: "connection", id: "con_11111111111111111111")

    @Test("bytes round trip, from empty to large", arguments: [0, 1, 31, 32, 33, 4096, 100_000])
    func roundTripBytes(length: Int) async throws {
        let fixture = SealerFixture()
        let plaintext = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let sealed = try await fixture.sealer.seal(plaintext, tenant: tenantA, row: row)
        #expect(sealed.count == plaintext.count + 38)
        #expect(try await fixture.sealer.open(sealed, tenant: tenantA, row: row) == plaintext)
    }

    @Test("JSON round trip")
    func roundTripJSON() async throws {
        let fixture = SealerFixture()
        let secrets = try JSON(parsing: #"{"api_key":"sk_live_123","nested":{"password":"p\u00e4ss","n":[1,2.5]}}"#)
        let sealed = try await fixture.sealer.seal(secrets, tenant: tenantA, row: row)
        #expect(try await fixture.sealer.openJSON(sealed, tenant: tenantA, row: row) == secrets)
    }

    @Test("a sealer with an empty cache opens what another sealed (the key is stored, wrapped)")
    func reopensFromStore() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("token".utf8), tenant: tenantA, row: row)
        let fresh = fixture.sealer(masterKey: fixture.masterKey)
        #expect(try await fresh.open(sealed, tenant: tenantA, row: row) == Array("token".utf8))
        #expect(fixture.store.writeCount == 1)
    }

    @Test("a ciphertext opened as another tenant's fails, whether that tenant has a data key or not")
    func wrongTenant() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)

        let withoutKey = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(sealed, tenant: tenantB, row: row)
        }
        #expect(withoutKey?.code == .authenticationFailed)
        #expect(fixture.store.storedKey(tenantB) == nil, "opening must not create a data key")

        _ = try await fixture.sealer.seal(Array("other".utf8), tenant: tenantB, row: row)
        let withKey = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(sealed, tenant: tenantB, row: row)
        }
        #expect(withKey?.code == .authenticationFailed)
    }

    @Test("a ciphertext opened for another row of the same tenant fails")
    func wrongRow() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        for other in [
            "connection:con_22222222222222222222", "connection:", "", row + " ", "run:con_11111111111111111111",
        ] {
            let error = await #expect(throws: SecretError.self) {
                try await fixture.sealer.open(sealed, tenant: tenantA, row: other)
            }
            #expect(error?.code == .authenticationFailed)
        }
    }

    @Test("tenant and row are length-prefixed: moving a separator between them changes the binding")
    func bindingIsUnambiguous() async throws {
        let fixture = SealerFixture()
        let tenant = StoreID("org_x|row=a")
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenant, row: "b")
        let sameKeyOtherSplit = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(sealed, tenant: tenant, row: "a|row=b")
        }
        #expect(sameKeyOtherSplit?.code == .authenticationFailed)
    }

    @Test("changing any bit of any byte, truncating or extending fails authentication")
    func tampering() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("a connection secret".utf8), tenant: tenantA, row: row)
        for index in sealed.indices {
            for bit in [0, 7] {
                var altered = sealed
                altered[index] ^= UInt8(1 << bit)
                await #expect(throws: SecretError.self, "byte \(index), bit \(bit)") {
                    try await fixture.sealer.open(altered, tenant: tenantA, row: row)
                }
            }
        }
        for altered in [Array(sealed.dropLast()), sealed + [0], Array(sealed.prefix(37)), []] {
            await #expect(throws: SecretError.self) {
                try await fixture.sealer.open(altered, tenant: tenantA, row: row)
            }
        }
    }

    @Test("the envelope starts with version 1, the kind and the data key's id")
    func envelopeLayout() async throws {
        let fixture = SealerFixture()
        let first = try await fixture.sealer.seal(Array("one".utf8), tenant: tenantA, row: row)
        let second = try await fixture.sealer.seal(Array("two".utf8), tenant: tenantA, row: "other")
        let otherTenant = try await fixture.sealer.seal(Array("three".utf8), tenant: tenantB, row: row)
        #expect(first[0] == 1)
        #expect(first[1] == 1)
        #expect(first[2..<10] == second[2..<10], "one tenant, one data key")
        #expect(first[2..<10] != otherTenant[2..<10], "a data key per tenant")

        let wrapped = try #require(fixture.store.storedKey(tenantA))
        #expect(wrapped.count == 22 + 32 + 16)
        #expect(wrapped[0] == 1)
        #expect(wrapped[1] == 2)
        #expect(Array(wrapped[2..<10]) == fixture.masterKey.id.bytes)
    }

    @Test("an envelope of another version is refused as such, naming the version")
    func unsupportedVersion() async throws {
        let fixture = SealerFixture()
        var sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        sealed[0] = 2
        let error = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(sealed, tenant: tenantA, row: row)
        }
        #expect(error?.code == .unsupportedVersion)
        #expect(error?.message.contains("version 2") == true)
    }

    @Test("a wrapped data key is not accepted as a sealed secret")
    func wrongKind() async throws {
        let fixture = SealerFixture()
        _ = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        let wrapped = try #require(fixture.store.storedKey(tenantA))
        let error = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(wrapped, tenant: tenantA, row: row)
        }
        #expect(error?.code == .malformed)
    }

    @Test("a canary secret appears neither in the sealed bytes, nor in the stored key, nor in errors")
    func canary() async throws {
        let fixture = SealerFixture()
        let canary = "CANARY-7f3a9c-do-not-leak"
        let secrets: JSON = ["password": .string(canary)]
        let sealed = try await fixture.sealer.seal(secrets, tenant: tenantA, row: row)
        #expect(occurs(Array(canary.utf8), in: secrets.serializedBytes()), "the check can find the canary")
        #expect(!occurs(Array(canary.utf8), in: sealed))
        #expect(!occurs(Array("CANARY".utf8), in: sealed))
        #expect(!occurs(Array("CANARY".utf8), in: try #require(fixture.store.storedKey(tenantA))))

        var altered = sealed
        altered[altered.count - 1] ^= 1
        let error = await #expect(throws: SecretError.self) {
            try await fixture.sealer.open(altered, tenant: tenantA, row: row)
        }
        #expect(error.map { !String(describing: $0).contains("CANARY") } == true)
    }

    @Test("sealing the same plaintext twice gives different ciphertexts, both opening")
    func randomNonce() async throws {
        let fixture = SealerFixture()
        let plaintext = Array("same secret".utf8)
        let first = try await fixture.sealer.seal(plaintext, tenant: tenantA, row: row)
        let second = try await fixture.sealer.seal(plaintext, tenant: tenantA, row: row)
        #expect(first != second)
        #expect(first[10..<22] != second[10..<22], "the nonces differ")
        #expect(try await fixture.sealer.open(first, tenant: tenantA, row: row) == plaintext)
        #expect(try await fixture.sealer.open(second, tenant: tenantA, row: row) == plaintext)
    }

    @Test("the wrong master key is reported as such, and never replaces the stored data key")
    func wrongMasterKey() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        let storedBefore = fixture.store.storedKey(tenantA)
        let other = MasterKey.generate()
        let wrong = fixture.sealer(masterKey: other)

        let opening = await #expect(throws: SecretError.self) {
            try await wrong.open(sealed, tenant: tenantA, row: row)
        }
        #expect(opening?.code == .wrongMasterKey)
        #expect(opening?.message.contains("WEFT_MASTER_KEY") == true)
        #expect(opening?.message.contains(fixture.masterKey.id.description) == true)
        #expect(opening?.message.contains(other.id.description) == true)

        let sealing = await #expect(throws: SecretError.self) {
            try await wrong.seal(Array("new".utf8), tenant: tenantA, row: row)
        }
        #expect(sealing?.code == .wrongMasterKey)
        #expect(fixture.store.storedKey(tenantA) == storedBefore)
        #expect(fixture.store.writeCount == 1)
    }

    @Test("a wrapped data key copied onto another tenant does not unwrap there")
    func wrappedKeyBoundToTenant() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        fixture.store.replaceStoredKey(tenantB, with: fixture.store.storedKey(tenantA))
        let fresh = fixture.sealer(masterKey: fixture.masterKey)
        let error = await #expect(throws: SecretError.self) {
            try await fresh.open(sealed, tenant: tenantB, row: row)
        }
        #expect(error?.code == .authenticationFailed)
        #expect(error?.message.contains("data key of tenant \(tenantB)") == true)
    }

    @Test("an altered wrapped data key fails to unwrap")
    func tamperedWrappedKey() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        let wrapped = try #require(fixture.store.storedKey(tenantA))
        for index in 10..<wrapped.count {
            var altered = wrapped
            altered[index] ^= 0x80
            fixture.store.replaceStoredKey(tenantA, with: altered)
            let fresh = fixture.sealer(masterKey: fixture.masterKey)
            let error = await #expect(throws: SecretError.self) {
                try await fresh.open(sealed, tenant: tenantA, row: row)
            }
            #expect(error?.code == .authenticationFailed, "byte \(index)")
        }
    }

    @Test("concurrent first secrets of a tenant create one data key, and all open")
    func concurrentFirstUse() async throws {
        let fixture = SealerFixture()
        let sealer = fixture.sealer
        let tenant = tenantA
        let sealed = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for index in 0..<32 {
                group.addTask {
                    (index, try await sealer.seal([UInt8(index)], tenant: tenant, row: "row:\(index)"))
                }
            }
            var results: [(Int, [UInt8])] = []
            for try await result in group {
                results.append(result)
            }
            return results
        }
        #expect(fixture.store.writeCount == 1)
        let fresh = fixture.sealer(masterKey: fixture.masterKey)
        for (index, bytes) in sealed {
            #expect(try await fresh.open(bytes, tenant: tenant, row: "row:\(index)") == [UInt8(index)])
        }
    }

    @Test("the keyring keeps a bounded number of keys and still serves every tenant")
    func boundedCache() async throws {
        let fixture = SealerFixture(cacheCapacity: 2)
        var sealed: [(StoreID, [UInt8])] = []
        for index in 0..<5 {
            let tenant = StoreID("org_\(index)")
            sealed.append((tenant, try await fixture.sealer.seal([UInt8(index)], tenant: tenant, row: row)))
        }
        #expect(await fixture.sealer.keyring.cachedKeyCount == 2)
        for (index, (tenant, bytes)) in sealed.enumerated() {
            #expect(try await fixture.sealer.open(bytes, tenant: tenant, row: row) == [UInt8(index)])
        }
        #expect(await fixture.sealer.keyring.cachedKeyCount == 2)
        #expect(fixture.store.writeCount == 5)
    }

    @Test("store failures while reading or creating a data key are reported, naming the tenant")
    func storeFailure() async throws {
        let fixture = SealerFixture()
        fixture.store.failWrites(after: 0)
        let error = await #expect(throws: SecretError.self) {
            try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        }
        #expect(error?.code == .storeFailed)
        #expect(error?.message.contains(tenantA.rawValue) == true)
        #expect(await fixture.sealer.keyring.cachedKeyCount == 0, "a key that was not saved is not used")
    }

    @Test("the keyring describes itself by its master key's id only")
    func keyringDescription() async throws {
        let fixture = SealerFixture()
        _ = try await fixture.sealer.seal(Array("secret".utf8), tenant: tenantA, row: row)
        var dumped = ""
        dump(fixture.sealer, to: &dumped)
        #expect(dumped.contains(fixture.masterKey.id.description))
        #expect(!dumped.contains(fixture.masterKey.revealBase64()))
        #expect(!dumped.contains("cache"))
    }
}
