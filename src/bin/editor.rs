//! WebAssembly of the authoring page (编辑台). Its worker (`www/editor/worker.js`) calls the
//! functions `bulletin::editor::wasm` exports; starting installs the panic report.
fn main() {
    #[cfg(target_arch = "wasm32")]
    bulletin::editor::wasm::start();
}
