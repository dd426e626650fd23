/**
 * The official BLAKE3 test vectors (BLAKE3-team/BLAKE3, test_vectors/test_vectors.json): the
 * input is `inputLength` bytes of the repeating sequence 0, 1, ..., 250; `hash` is the first 32 bytes
 * of the published extended output of the default (unkeyed) mode, which is the default-length
 * digest.
 */
export const BLAKE3_TEST_VECTORS: ReadonlyArray<{ inputLength: number; hash: string }> = [
  { inputLength: 0, hash: "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262" },
  { inputLength: 1, hash: "2d3adedff11b61f14c886e35afa036736dcd87a74d27b5c1510225d0f592e213" },
  { inputLength: 2, hash: "7b7015bb92cf0b318037702a6cdd81dee41224f734684c2c122cd6359cb1ee63" },
  { inputLength: 3, hash: "e1be4d7a8ab5560aa4199eea339849ba8e293d55ca0a81006726d184519e647f" },
  { inputLength: 4, hash: "f30f5ab28fe047904037f77b6da4fea1e27241c5d132638d8bedce9d40494f32" },
  { inputLength: 5, hash: "b40b44dfd97e7a84a996a91af8b85188c66c126940ba7aad2e7ae6b385402aa2" },
  { inputLength: 6, hash: "06c4e8ffb6872fad96f9aaca5eee1553eb62aed0ad7198cef42e87f6a616c844" },
  { inputLength: 7, hash: "3f8770f387faad08faa9d8414e9f449ac68e6ff0417f673f602a646a891419fe" },
  { inputLength: 8, hash: "2351207d04fc16ade43ccab08600939c7c1fa70a5c0aaca76063d04c3228eaeb" },
  { inputLength: 63, hash: "e9bc37a594daad83be9470df7f7b3798297c3d834ce80ba85d6e207627b7db7b" },
  { inputLength: 64, hash: "4eed7141ea4a5cd4b788606bd23f46e212af9cacebacdc7d1f4c6dc7f2511b98" },
  { inputLength: 65, hash: "de1e5fa0be70df6d2be8fffd0e99ceaa8eb6e8c93a63f2d8d1c30ecb6b263dee" },
  { inputLength: 127, hash: "d81293fda863f008c09e92fc382a81f5a0b4a1251cba1634016a0f86a6bd640d" },
  { inputLength: 128, hash: "f17e570564b26578c33bb7f44643f539624b05df1a76c81f30acd548c44b45ef" },
  { inputLength: 129, hash: "683aaae9f3c5ba37eaaf072aed0f9e30bac0865137bae68b1fde4ca2aebdcb12" },
  { inputLength: 1023, hash: "10108970eeda3eb932baac1428c7a2163b0e924c9a9e25b35bba72b28f70bd11" },
  { inputLength: 1024, hash: "42214739f095a406f3fc83deb889744ac00df831c10daa55189b5d121c855af7" },
  { inputLength: 1025, hash: "d00278ae47eb27b34faecf67b4fe263f82d5412916c1ffd97c8cb7fb814b8444" },
  { inputLength: 2048, hash: "e776b6028c7cd22a4d0ba182a8bf62205d2ef576467e838ed6f2529b85fba24a" },
  { inputLength: 2049, hash: "5f4d72f40d7a5f82b15ca2b2e44b1de3c2ef86c426c95c1af0b6879522563030" },
  { inputLength: 3072, hash: "b98cb0ff3623be03326b373de6b9095218513e64f1ee2edd2525c7ad1e5cffd2" },
  { inputLength: 3073, hash: "7124b49501012f81cc7f11ca069ec9226cecb8a2c850cfe644e327d22d3e1cd3" },
  { inputLength: 4096, hash: "015094013f57a5277b59d8475c0501042c0b642e531b0a1c8f58d2163229e969" },
  { inputLength: 4097, hash: "9b4052b38f1c5fc8b1f9ff7ac7b27cd242487b3d890d15c96a1c25b8aa0fb995" },
  { inputLength: 5120, hash: "9cadc15fed8b5d854562b26a9536d9707cadeda9b143978f319ab34230535833" },
  { inputLength: 5121, hash: "628bd2cb2004694adaab7bbd778a25df25c47b9d4155a55f8fbd79f2fe154cff" },
  { inputLength: 6144, hash: "3e2e5b74e048f3add6d21faab3f83aa44d3b2278afb83b80b3c35164ebeca205" },
  { inputLength: 6145, hash: "f1323a8631446cc50536a9f705ee5cb619424d46887f3c376c695b70e0f0507f" },
  { inputLength: 7168, hash: "61da957ec2499a95d6b8023e2b0e604ec7f6b50e80a9678b89d2628e99ada77a" },
  { inputLength: 7169, hash: "a003fc7a51754a9b3c7fae0367ab3d782dccf28855a03d435f8cfe74605e7817" },
  { inputLength: 8192, hash: "aae792484c8efe4f19e2ca7d371d8c467ffb10748d8a5a1ae579948f718a2a63" },
  { inputLength: 8193, hash: "bab6c09cb8ce8cf459261398d2e7aef35700bf488116ceb94a36d0f5f1b7bc3b" },
  { inputLength: 16384, hash: "f875d6646de28985646f34ee13be9a576fd515f76b5b0a26bb324735041ddde4" },
  { inputLength: 31744, hash: "62b6960e1a44bcc1eb1a611a8d6235b6b4b78f32e7abc4fb4c6cdcce94895c47" },
  { inputLength: 102400, hash: "bc3e3d41a1146b069abffad3c0d44860cf664390afce4d9661f7902e7943e085" },
];

/** The test vectors' input: `length` bytes of 0, 1, ..., 250, 0, 1, ... */
export function vectorInput(length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => i % 251);
}
