import Testing
@testable import Controller

@Test func controllerModuleHasAVersion() { #expect(!ControllerModule.version.isEmpty) }
