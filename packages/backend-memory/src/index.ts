export { MemoryBackend, type MemoryBackendOptions, openMemoryBackend } from "./memory-backend.js";
