// The typed data MetaMask's test dApp (@metamask/test-dapp 9, src/signatures/utils.js and
// src/components/signatures/*.js) sends, rebuilt for a chain and an account, so the tests can
// check every shape against eth-sig-util's recovery without driving the page.

// The EIP-712 type lists are the ones every approval fixture shares; the payloads below stay
// the page's own, values and quirks included.
import {
  EIP712_DOMAIN_TYPES as EIP712Domain,
  PERMIT_TYPES,
  PERMIT2_ADDRESS,
  PERMIT2_DOMAIN_TYPES,
  PERMIT_DETAILS_TYPES as PermitDetails,
} from "../../scripts/lib/approvalFixtures.mjs";

const Person = [
  { name: "name", type: "string" },
  { name: "wallets", type: "address[]" },
];
const permit2Domain = (chainId: number) => ({
  chainId,
  name: "Permit2",
  // The page writes the address in lower case.
  verifyingContract: PERMIT2_ADDRESS.toLowerCase(),
  version: "1",
});

/** "Sign Typed Data" (v1): `[entries, address]`. */
export const V1_ENTRIES = [
  { type: "string", name: "Message", value: "Hi, Alice!" },
  { type: "uint32", name: "A number", value: "1337" },
];

/** "Sign Typed Data V3". */
export const v3Mail = (chainId: number) => ({
  types: {
    EIP712Domain,
    Person: [
      { name: "name", type: "string" },
      { name: "wallet", type: "address" },
    ],
    Mail: [
      { name: "from", type: "Person" },
      { name: "to", type: "Person" },
      { name: "contents", type: "string" },
    ],
  },
  primaryType: "Mail",
  domain: {
    name: "Ether Mail",
    version: "1",
    chainId,
    verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
  },
  message: {
    from: { name: "Cow", wallet: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826" },
    to: { name: "Bob", wallet: "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB" },
    contents: "Hello, Bob!",
  },
});

/** "Sign Typed Data V4": its chainId is a decimal string, its types include an unused `Group`. */
export const v4Mail = (chainId: number) => ({
  domain: {
    chainId: chainId.toString(),
    name: "Ether Mail",
    verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
    version: "1",
  },
  message: {
    contents: "Hello, Bob!",
    from: {
      name: "Cow",
      wallets: ["0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", "0xDeaDbeefdEAdbeefdEadbEEFdeadbeEFdEaDbeeF"],
    },
    to: [
      {
        name: "Bob",
        wallets: [
          "0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB",
          "0xB0BdaBea57B0BDABeA57b0bdABEA57b0BDabEa57",
          "0xB0B0b0b0b0b0B000000000000000000000000000",
        ],
      },
    ],
    attachment: "0x",
  },
  primaryType: "Mail",
  types: {
    EIP712Domain,
    Group: [
      { name: "name", type: "string" },
      { name: "members", type: "Person[]" },
    ],
    Mail: [
      { name: "from", type: "Person" },
      { name: "to", type: "Person[]" },
      { name: "contents", type: "string" },
      { name: "attachment", type: "bytes" },
    ],
    Person,
  },
});

/** "Sign Permit" (EIP-2612), numbers as JSON numbers. */
export const permit = (chainId: number, owner: string) => ({
  primaryType: "Permit",
  types: {
    EIP712Domain,
    Permit: PERMIT_TYPES,
  },
  domain: {
    chainId,
    name: "MyToken",
    verifyingContract: "0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC",
    version: "1",
  },
  message: {
    owner,
    spender: "0x5B38Da6a701c568545dCfcB03FcB875f56beddC4",
    value: 3000,
    nonce: 0,
    deadline: 50000000000,
  },
});

/** "PermitBatch" (Uniswap Permit2): the domain carries a `version` its EIP712Domain does not declare. */
export const permitBatch = (chainId: number) => ({
  primaryType: "PermitBatch",
  types: {
    PermitBatch: [
      { name: "details", type: "PermitDetails[]" },
      { name: "spender", type: "address" },
      { name: "sigDeadline", type: "uint256" },
    ],
    PermitDetails,
    EIP712Domain: PERMIT2_DOMAIN_TYPES,
  },
  domain: permit2Domain(chainId),
  message: {
    details: [
      {
        token: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        amount: "1461501637330902918203684832716283019655932542975",
        expiration: "1722887542",
        nonce: "5",
      },
      {
        token: "0xb0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
        amount: "98765432109876543210",
        expiration: "1722887642",
        nonce: "6",
      },
    ],
    spender: "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad",
    sigDeadline: "1720297342",
  },
});

/** "PermitSingle" (Permit2) with the four-field EIP712Domain. */
export const permitSingle = (chainId: number) => ({
  primaryType: "PermitSingle",
  types: {
    PermitSingle: [
      { name: "details", type: "PermitDetails" },
      { name: "spender", type: "address" },
      { name: "sigDeadline", type: "uint256" },
    ],
    PermitDetails,
    EIP712Domain,
  },
  domain: permit2Domain(chainId),
  message: {
    details: {
      token: "0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48",
      amount: "1461501637330902918203684832716283019655932542975",
      expiration: "1722887542",
      nonce: "5",
    },
    spender: "0x3fc91a3afd70395cd496c647d5a6cc9d4b2b7fad",
    sigDeadline: "1720297342",
  },
});

/** "Blur - Order": a nested struct and uint8 fields given as strings. */
export const blurOrder = (chainId: number, trader: string) => ({
  primaryType: "Order",
  types: {
    EIP712Domain,
    MakerFee: [
      { name: "recipient", type: "address" },
      { name: "rate", type: "uint256" },
    ],
    Order: [
      { name: "assetType", type: "uint8" },
      { name: "collection", type: "address" },
      { name: "expirationTime", type: "uint256" },
      { name: "listingsRoot", type: "bytes32" },
      { name: "makerFee", type: "MakerFee" },
      { name: "nonce", type: "uint256" },
      { name: "numberOfListings", type: "uint256" },
      { name: "orderType", type: "uint8" },
      { name: "salt", type: "uint256" },
      { name: "trader", type: "address" },
    ],
  },
  domain: {
    name: "Blur Exchange",
    version: "1.0",
    chainId,
    verifyingContract: "0xb2ecfe4e4d61f8790bbb9de2d1259b9e2410cea5",
  },
  message: {
    assetType: "0",
    collection: "0x8a90cab2b38dba80c64b7734e58ee1db38b8992e",
    expirationTime: "1739484503",
    listingsRoot: "0xf5126e36e0cf3f8ccdf8e3d76c1501c706c15a029fb8139bca7b536776e9eafe",
    makerFee: { recipient: "0x0000000000000000000000000000000000000000", rate: "0" },
    nonce: "0",
    numberOfListings: "1",
    orderType: "1",
    salt: "106171581059276559763059578085820161781",
    trader,
  },
});

/**
 * "Seaport - BulkOrder", one order of the page's two: no EIP712Domain at all (so eth-sig-util
 * hashes an empty domain), a two-dimensional array, and a message key its types do not declare.
 */
export const seaportBulkOrder = (chainId: number, offerer: string) => ({
  primaryType: "BulkOrder",
  types: {
    BulkOrder: [{ name: "tree", type: "OrderComponents[][]" }],
    OrderComponents: [
      { name: "offerer", type: "address" },
      { name: "zone", type: "address" },
      { name: "offer", type: "OfferItem[]" },
      { name: "consideration", type: "ConsiderationItem[]" },
      { name: "orderType", type: "uint8" },
      { name: "startTime", type: "uint256" },
      { name: "endTime", type: "uint256" },
      { name: "zoneHash", type: "bytes32" },
      { name: "salt", type: "uint256" },
      { name: "conduitKey", type: "bytes32" },
      { name: "counter", type: "uint256" },
    ],
    OfferItem: [
      { name: "itemType", type: "uint8" },
      { name: "token", type: "address" },
      { name: "identifierOrCriteria", type: "uint256" },
      { name: "startAmount", type: "uint256" },
      { name: "endAmount", type: "uint256" },
    ],
    ConsiderationItem: [
      { name: "itemType", type: "uint8" },
      { name: "token", type: "address" },
      { name: "identifierOrCriteria", type: "uint256" },
      { name: "startAmount", type: "uint256" },
      { name: "endAmount", type: "uint256" },
      { name: "recipient", type: "address" },
    ],
  },
  domain: {
    name: "Seaport",
    version: "1.5",
    chainId,
    verifyingContract: "0x00000000000000ADc04C56Bf30aC9d3c0aAF14dC",
  },
  message: {
    tree: [
      [
        {
          offerer,
          offer: [
            {
              itemType: "2",
              token: "0xafd4896984CA60d2feF66136e57f958dCe9482d5",
              identifierOrCriteria: "2104",
              startAmount: "1",
              endAmount: "1",
            },
          ],
          consideration: [
            {
              itemType: "0",
              token: "0x0000000000000000000000000000000000000000",
              identifierOrCriteria: "0",
              startAmount: "900000000000000000",
              endAmount: "900000000000000000",
              recipient: offerer,
            },
          ],
          startTime: "1705733618",
          endTime: "1708411897",
          orderType: "0",
          zone: "0x004C00500000aD104D7DBd00e3ae0A5C00560C00",
          zoneHash: "0x0000000000000000000000000000000000000000000000000000000000000000",
          salt: "24446860302761739304752683030156737591518664810215442929806792077947493999137",
          conduitKey: "0x0000007b02230091a7ed01230072f7006a004d60a8d4e71d599b8104250f0000",
          totalOriginalConsiderationItems: "1",
          counter: "0",
        },
      ],
    ],
  },
});

/** "Malformed Signatures → Extra Data Not Typed": a message key outside `types`, signed without it. */
export const extraDataNotTyped = (chainId: number) => ({
  domain: {
    chainId,
    name: "Seaport",
    version: "1.5",
    verifyingContract: "0x00000000000000ADc04C56Bf30aC9d3c0aAF14dC",
  },
  message: { name: "Hello, Bob!", extraData: "This data is not typed!" },
  primaryType: "Wallet",
  types: { EIP712Domain, Wallet: [{ name: "name", type: "string" }] },
});

/**
 * "ERC 721 → Sign Permit": the page's spender, 0x0521797E19b8E274E4ED3bFe5254FAf6fac96F08, is
 * mixed-case but not a valid EIP-55 checksum; MetaMask signs it (the digest does not depend on
 * case). No EIP712Domain type: the domain is inferred from the fields present.
 */
export const nftPermit = (chainId: number, verifyingContract: string) => ({
  domain: { name: "My NFT", version: "1", chainId, verifyingContract },
  types: {
    Permit: [
      { name: "spender", type: "address" },
      { name: "tokenId", type: "uint256" },
      { name: "nonce", type: "uint256" },
      { name: "deadline", type: "uint256" },
    ],
  },
  primaryType: "Permit",
  message: {
    spender: "0x0521797E19b8E274E4ED3bFe5254FAf6fac96F08",
    tokenId: "3606393",
    nonce: "0",
    deadline: "1734995006",
  },
});

/** The test dApp's malformed requests that no wallet should sign: each is -32602 without a window. */
export const malformedTypedData = (chainId: number) => ({
  invalidType: {
    primaryType: "OrderComponents",
    domain: extraDataNotTyped(chainId).domain,
    types: { EIP712Domain, OrderComponents: [{ name: "consideration", type: "ConsiderationItem[+" }] },
    message: { consideration: [{ itemType: "0" }] },
  },
  emptyDomain: { ...v4Mail(chainId), domain: {} },
  invalidPrimaryType: {
    domain: extraDataNotTyped(chainId).domain,
    message: { name: "Hello, Bob!" },
    primaryType: "Non-Existent",
    types: { EIP712Domain, Wallet: [{ name: "name", type: "string" }] },
  },
  noPrimaryType: (({ primaryType: _, ...rest }) => rest)(v4Mail(chainId)),
  invalidVerifyingContract: {
    ...v4Mail(chainId),
    domain: { ...v4Mail(chainId).domain, verifyingContract: 1 },
  },
});
