// Word lists for realistic names. Each list holds distinct capitalised words, so that names built
// by concatenation stay unique even after OpenCTI's lower-casing (data-model.md §3.3).

export const MALWARE_PREFIXES: readonly string[] = (
  'Shadow Black Night Crimson Silent Iron Ghost Storm Frost Venom Cobalt Dark Blue Red Grey ' +
  'Hydra Viper Raven Nova Onyx Zero Quantum Rogue Sly Toxic Vortex Wraith Ember Astral ' +
  'Cipher Delta Echo Fury Glitch Havoc Inferno Jade Krypt Lunar Magma'
).split(' ');
export const MALWARE_SUFFIXES: readonly string[] = (
  'Loader Crypt Bot Rat Stealer Locker Door Spy Worm Wiper Dropper Agent Shell Miner Kit ' +
  'Hook Grabber Logger Beacon Proxy Tunnel Sync Pulse Fang Claw Sting Blade Spike Root ' +
  'Plague'
).split(' ');
export const WEATHER_ADJECTIVES: readonly string[] = (
  'Midnight Volt Silk Salt Peach Mint Aqua Ruby Opal Cotton Granite Marble Velvet Amber ' +
  'Canyon Cedar Copper Lemon Pearl Plaid Sapphire Star Onyx Brass Charcoal'
).split(' ');
export const WEATHER_NOUNS: readonly string[] = (
  'Blizzard Typhoon Sandstorm Tempest Sleet Hail Cyclone Tsunami Dust Rain Fog Lightning ' +
  'Thunder Hurricane Monsoon Drizzle Squall Mist'
).split(' ');
export const ACTOR_ADJECTIVES: readonly string[] = (
  'Fancy Cozy Wicked Venomous Mustang Stone Scattered Lazy Charming Gothic Mythic Ancient ' +
  'Nimble Static Hidden Vanguard Cunning Frozen Golden Hollow Restless Savage Twisted ' +
  'Wandering'
).split(' ');
export const ACTOR_ANIMALS: readonly string[] = (
  'Bear Panda Kitten Chollima Spider Tiger Jackal Buffalo Crane Leopard Lynx Mantis Owl ' +
  'Scorpius Taurus Ursa Serpens Libra Draco Falcon Hornet Wolf Kraken Cobra'
).split(' ');
export const TOOL_PREFIXES: readonly string[] = (
  'Sharp Power Net Ps Lsa Proc Ad Rubeus Cred Remote Port Hash Token Kerb Sam Web Reg Task ' +
  'Wmi Dns'
).split(' ');
export const TOOL_SUFFIXES: readonly string[] = (
  'Hound Dump Scan Exec Katz View Recon Spray Relay Pivot Sniff Cat Map Tap Forge Probe ' +
  'Walk Grab'
).split(' ');
export const CAMPAIGN_ADJECTIVES: readonly string[] = (
  'Red Silent Broken Endless Hidden Iron Golden Crimson Pale Dusty Frozen Burning Sleeping ' +
  'Falling Rising Bitter Distant Northern'
).split(' ');
export const CAMPAIGN_NOUNS: readonly string[] = (
  'Dawn Harvest Lantern Bridge Anchor Citadel Horizon Echo Mirage Orchard Quarry Beacon ' +
  'Compass Meridian Tundra Harbor Cascade Summit'
).split(' ');
export const ORG_PREFIXES: readonly string[] = (
  'Acme|Globex|Initech|Umbrella|Stark|Wayne|Tyrell|Cyberdyne|Soylent|Vandelay|Hooli|Pied|' +
  'Wonka|Oscorp|Nakatomi|Gringotts|Monarch|Aperture|Massive|Dunder|Vehement|Sterling|' +
  'Blue Sun|Weyland|Zorin|Gekko|Prestige|Kappa|Lumon|Virtucon'
).split('|');
export const ORG_NOUNS: readonly string[] = (
  'Energy Bank Logistics Health Telecom Pharma Airlines Insurance Retail Mining Media Water ' +
  'Motors Chemicals Defense Foods Shipping Software University Hospital'
).split(' ');
export const ORG_SUFFIXES: readonly string[] = 'Inc Ltd Group SA GmbH AG Corp'.split(' ');
export const TECHNIQUE_VERBS: readonly string[] = (
  'Credential Process Remote Scheduled Registry Browser Network Email Service Token Kernel ' +
  'Cloud Container Account File Script Memory Domain Web Boot'
).split(' ');
export const TECHNIQUE_NOUNS: readonly string[] = (
  'Dumping Injection Discovery Hijacking Manipulation Execution Tampering Collection ' +
  'Exfiltration Impersonation Masquerading Persistence Enumeration Obfuscation Staging ' +
  'Abuse'
).split(' ');
export const VARIANT_WORDS: readonly string[] =
  'Variant Cluster Sample Build Wave Strain Branch Fork'.split(' ');
export const SYLLABLES: readonly string[] = (
  'ka lo mi ne ru sa to vi ze qu ba do fe gi ho ju ly mo nu pa re si tu wa xo yi zu cor net ' +
  'sec web app dat srv hub log cdn api box nix'
).split(' ');
export const TLDS: readonly string[] =
  'com net org info biz ru cn top xyz io online site club co me pw cc su live shop'.split(' ');
export const URL_PATHS: readonly string[] = (
  'wp-content/uploads wp-admin/css images admin login api/v1 gate panel files download ' +
  'update static/js cgi-bin secure invoice doc'
).split(' ');
export const URL_FILES: readonly string[] = (
  'index.php gate.php load.bin update.exe invoice.doc payload.dll login.html config.bin ' +
  'setup.msi report.zip stage2.ps1 c2.php'
).split(' ');
export const FIRST_NAMES: readonly string[] = (
  'james mary john linda robert sarah michael emma david olivia chen yuki ivan fatima lucas ' +
  'sofia ahmed nina pierre ana'
).split(' ');
export const LAST_NAMES: readonly string[] = (
  'smith johnson brown garcia miller davis martin lee walker hall wang tanaka petrov haddad ' +
  'silva rossi muller dubois kowalski novak'
).split(' ');
export const FILE_STEMS: readonly string[] = (
  'invoice payment update setup document scan report order resume svchost rundll ' +
  'chrome_update driver agent loader patch'
).split(' ');
export const FILE_EXTENSIONS: readonly string[] =
  'exe dll doc docm xlsm pdf zip js ps1 lnk iso bin msi'.split(' ');

/** [name, ISO 3166-1 alpha-2] */
export const COUNTRIES: readonly (readonly [string, string])[] = (
  'France:FR|Germany:DE|United States:US|United Kingdom:GB|China:CN|Russia:RU|Iran:IR|' +
  'North Korea:KP|South Korea:KR|Japan:JP|India:IN|Pakistan:PK|Israel:IL|Ukraine:UA|' +
  'Poland:PL|Italy:IT|Spain:ES|Portugal:PT|Netherlands:NL|Belgium:BE|Switzerland:CH|' +
  'Austria:AT|Sweden:SE|Norway:NO|Finland:FI|Denmark:DK|Canada:CA|Mexico:MX|Brazil:BR|' +
  'Argentina:AR|Chile:CL|Colombia:CO|Australia:AU|New Zealand:NZ|Singapore:SG|Vietnam:VN|' +
  'Thailand:TH|Indonesia:ID|Malaysia:MY|Philippines:PH|Taiwan:TW|Turkey:TR|Saudi Arabia:SA|' +
  'United Arab Emirates:AE|Egypt:EG|Nigeria:NG|South Africa:ZA|Kenya:KE|Morocco:MA|' +
  'Greece:GR|Romania:RO|Czechia:CZ|Hungary:HU|Estonia:EE|Latvia:LV|Lithuania:LT|Belarus:BY|' +
  'Kazakhstan:KZ|Georgia:GE|Armenia:AM'
)
  .split('|')
  .map((entry) => {
    const [name = '', code = ''] = entry.split(':');
    return [name, code] as const;
  });
