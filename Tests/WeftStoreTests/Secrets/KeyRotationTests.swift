import Testing
import WeftStore

@Suite("Master key rotation")
struct KeyRotationTests {
    let tenants: [StoreID] = ["org_1", "org_2", "org_3"]
    let row = SecretSealer.row(kind: "connection", id: "con_1")

    /// Seals one secret per tenant with the fixture's master key.
    private func sealAll(_ fixture: SealerFixture) async throws -> [(StoreID, [UInt8])] {
        var sealed: [(StoreID, [UInt8])] = []
        for tenant in tenants {
            sealed.append(
                (tenant, try await fixture.sealer.seal(Array("secret of \(tenant)".utf8), tenant: tenant, row: row)))
        }
        return sealed
    }

    @Test("after rotation the sealed secrets open with the new master key and not with the old")
    func rotation() async throws {
        let fixture = SealerFixture()
        let sealed = try await sealAll(fixture)
        let newKey = MasterKey.generate()

        let report = try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: newKey)
        #expect(report.rewrapped == tenants)
        #expect(report.alreadyRotated.isEmpty)

        let withNew = fixture.sealer(masterKey: newKey)
        let withOld = fixture.sealer(masterKey: fixture.masterKey)
        for (tenant, bytes) in sealed {
            #expect(try await withNew.open(bytes, tenant: tenant, row: row) == Array("secret of \(tenant)".utf8))
            let error = await #expect(throws: SecretError.self) {
                try await withOld.open(bytes, tenant: tenant, row: row)
            }
            #expect(error?.code == .wrongMasterKey)
            let wrapped = try #require(fixture.store.storedKey(tenant))
            #expect(Array(wrapped[2..<10]) == newKey.id.bytes)
        }
    }

    @Test("a wrong old key changes nothing")
    func wrongOldKey() async throws {
        let fixture = SealerFixture()
        _ = try await sealAll(fixture)
        let writes = fixture.store.writeCount
        let before = tenants.map { fixture.store.storedKey($0) }

        let error = await #expect(throws: SecretError.self) {
            try await KeyRotation.rotate(store: fixture.store, from: .generate(), to: .generate())
        }
        #expect(error?.code == .wrongMasterKey)
        #expect(error?.message.contains("nothing was changed") == true)
        #expect(fixture.store.writeCount == writes)
        #expect(tenants.map { fixture.store.storedKey($0) } == before)
    }

    @Test("one altered data key stops the rotation before anything is written")
    func alteredKeyStopsEarly() async throws {
        let fixture = SealerFixture()
        _ = try await sealAll(fixture)
        var altered = try #require(fixture.store.storedKey("org_3"))
        altered[30] ^= 1
        fixture.store.replaceStoredKey("org_3", with: altered)
        let writes = fixture.store.writeCount

        let error = await #expect(throws: SecretError.self) {
            try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: .generate())
        }
        #expect(error?.code == .authenticationFailed)
        #expect(fixture.store.writeCount == writes)
    }

    @Test("a rotation interrupted by a store failure is finished by running it again")
    func resumes() async throws {
        let fixture = SealerFixture()
        let sealed = try await sealAll(fixture)
        let newKey = MasterKey.generate()

        fixture.store.failWrites(after: 1)
        let error = await #expect(throws: SecretError.self) {
            try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: newKey)
        }
        #expect(error?.code == .storeFailed)
        #expect(error?.message.contains("1 of 3") == true)
        #expect(error?.message.contains("again") == true)

        fixture.store.failWrites(after: nil)
        let report = try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: newKey)
        #expect(report.alreadyRotated == ["org_1"])
        #expect(report.rewrapped == ["org_2", "org_3"])

        let withNew = fixture.sealer(masterKey: newKey)
        for (tenant, bytes) in sealed {
            #expect(try await withNew.open(bytes, tenant: tenant, row: row) == Array("secret of \(tenant)".utf8))
        }

        let again = try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: newKey)
        #expect(again == KeyRotation.Report(rewrapped: [], alreadyRotated: tenants))
    }

    @Test("rotating to the same key is refused; an empty store rotates trivially")
    func edges() async throws {
        let fixture = SealerFixture()
        let same = await #expect(throws: SecretError.self) {
            try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: fixture.masterKey)
        }
        #expect(same?.code == .invalidMasterKey)
        let report = try await KeyRotation.rotate(store: fixture.store, from: fixture.masterKey, to: .generate())
        #expect(report == KeyRotation.Report(rewrapped: [], alreadyRotated: []))
    }

    @Test("rewrap keeps the data key: secrets sealed before open after, and the wrapped key stays tenant-bound")
    func rewrap() async throws {
        let fixture = SealerFixture()
        let sealed = try await fixture.sealer.seal(Array("secret".utf8), tenant: "org_1", row: row)
        let wrapped = try #require(fixture.store.storedKey("org_1"))
        let newKey = MasterKey.generate()
        let rewrapped = try DataKeyWrapper(masterKey: fixture.masterKey).rewrap(wrapped, tenant: "org_1", with: newKey)
        #expect(try DataKeyWrapper.masterKeyID(of: rewrapped) == newKey.id)
        #expect(try DataKeyWrapper.masterKeyID(of: wrapped) == fixture.masterKey.id)

        let wrongTenant = #expect(throws: SecretError.self) {
            try DataKeyWrapper(masterKey: fixture.masterKey).rewrap(wrapped, tenant: "org_2", with: newKey)
        }
        #expect(wrongTenant?.code == .authenticationFailed)

        fixture.store.replaceStoredKey("org_1", with: rewrapped)
        let withNew = fixture.sealer(masterKey: newKey)
        #expect(try await withNew.open(sealed, tenant: "org_1", row: row) == Array("secret".utf8))
    }
}
