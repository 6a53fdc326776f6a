import Foundation
import WeftCatalog
import WeftModel
import WeftStore

/// The apps an organization can use: the ones it stored (every version kept) and the built-in catalog, read back
/// into models. A stored app with a built-in app's id replaces it for that organization.
struct TenantApps {
    let tenant: any TenantStore

    /// Who "created" a built-in app, in the records the API shows.
    static let builtInAuthor = StoreID("weft")

    /// One app version as the API shows it.
    struct Version {
        var stored: StoredApp
        var manifest: AppManifest
        /// True for an app of the built-in catalog the organization has not replaced.
        var builtIn: Bool
    }

    /// The newest version of every app, by id.
    func latest() async throws -> [String: AppManifest] {
        try await all().mapValues(\.manifest)
    }

    /// The newest version of every app, by id, with where it comes from.
    func all() async throws -> [String: Version] {
        var apps: [String: Version] = [:]
        for (id, entry) in BuiltInCatalog.entries { apps[id] = Self.builtIn(entry) }
        for stored in try await tenant.apps() {
            if let app = Self.manifest(stored) { apps[app.id] = Version(stored: stored, manifest: app, builtIn: false) }
        }
        return apps
    }

    /// One app (its newest version, or `version`), or 404.
    func app(_ id: String, version: String? = nil) async throws -> Version {
        if let stored = try await tenant.app(id: id, version: version), let manifest = Self.manifest(stored) {
            return Version(stored: stored, manifest: manifest, builtIn: false)
        }
        if let entry = BuiltInCatalog.entry(id), version == nil || version == entry.manifest.version,
            try await tenant.app(id: id, version: nil) == nil
        {
            return Self.builtIn(entry)
        }
        throw APIError.notFound(version.map { "version \($0) of the app `\(id)`" } ?? "the app `\(id)`")
    }

    /// The apps a flow version runs with: the newest of each, except that every app the version pinned is the
    /// version it pinned. A pinned version that no longer exists is a 409 that says how to move on.
    func pinned(_ pins: [String: String], flow: String) async throws -> [String: AppManifest] {
        var apps = try await latest()
        for (id, version) in pins where apps[id]?.version != version {
            do {
                apps[id] = try await app(id, version: version).manifest
            } catch let error as APIError where error.status == .notFound {
                // Only a missing version: a failing store is not reported as one.
                throw APIError(
                    .conflict, "pinned_app_missing",
                    "the flow `\(flow)` was saved with version \(version) of the app `\(id)`, which no longer exists;"
                        + " save the flow again to use the app's current version")
            }
        }
        return apps
    }

    /// Stores a new version of an app; an existing version is a 409 (versions never change).
    func save(_ manifest: AppManifest, source: String, by actor: StoreID) async throws -> StoredApp {
        do throws(StoreError) {
            return try await tenant.saveApp(
                appID: manifest.id, version: manifest.version, source: source, createdBy: actor)
        } catch {
            if error.code == .conflict {
                throw APIError(
                    .conflict, "version_exists",
                    "version \(manifest.version) of `\(manifest.id)` exists and versions do not change; raise the version"
                )
            }
            throw error
        }
    }

    /// The versions a flow saved now pins: the version in `apps` of each app it refers to.
    static func pins(for flow: Flow, among apps: [String: AppManifest]) -> [String: String] {
        var pins: [String: String] = [:]
        for id in flow.referencedApps { if let app = apps[id] { pins[id] = app.version } }
        return pins
    }

    /// A stored manifest as a model (it was valid when stored).
    static func manifest(_ stored: StoredApp) -> AppManifest? {
        if case .app(let app)? = WeftDocument.parse(stored.source, file: "\(stored.appID).app.yaml").document {
            return app
        }
        return nil
    }

    private static func builtIn(_ entry: BuiltInCatalog.Entry) -> Version {
        Version(
            stored: StoredApp(
                appID: entry.manifest.id, version: entry.manifest.version, source: entry.source,
                createdBy: builtInAuthor, createdAt: Date(timeIntervalSince1970: 0)),
            manifest: entry.manifest, builtIn: true)
    }
}
