/// OpenAPI 3.x and Swagger 2.0 documents: reading them, importing them as app manifests and mocking them.
public enum WeftOpenAPI {}
