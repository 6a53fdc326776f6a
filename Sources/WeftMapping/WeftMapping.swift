/// Field mapping suggestions between two JSON Schemas.
public enum WeftMapping {}
