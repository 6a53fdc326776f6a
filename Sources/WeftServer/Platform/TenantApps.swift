import WeftModel
import WeftStore

/// The app manifests an organization has stored, read back into models: what flows and connections refer to.
struct TenantApps {
    let tenant: any TenantStore

    /// The newest version of every app, by id.
    func latest() async throws -> [String: AppManifest] {
        var apps: [String: AppManifest] = [:]
        for stored in try await tenant.apps() {
            if let app = Self.manifest(stored) { apps[app.id] = app }
        }
        return apps
    }

    /// One app (its newest version, or `version`), or 404.
    func app(_ id: String, version: String? = nil) async throws -> (stored: StoredApp, manifest: AppManifest) {
        guard let stored = try await tenant.app(id: id, version: version), let manifest = Self.manifest(stored) else {
            throw APIError.notFound(version.map { "version \($0) of the app `\(id)`" } ?? "the app `\(id)`")
        }
        return (stored, manifest)
    }

    /// A stored manifest as a model (it was valid when stored).
    static func manifest(_ stored: StoredApp) -> AppManifest? {
        if case .app(let app)? = WeftDocument.parse(stored.source, file: "\(stored.appID).app.yaml").document {
            return app
        }
        return nil
    }
}
