import Testing
@testable import argo_lite

@Test func commandNameIsArgoLite() { #expect(ArgoLite.configuration.commandName == "argo-lite") }
