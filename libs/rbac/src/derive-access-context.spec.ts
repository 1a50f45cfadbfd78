import { deriveAccessContext } from './derive-access-context.util';
import { maxConfidenceFor } from './has-capability.util';
import type { GroupGrant, MarkingInfo, UserGrant } from './derive-access-context.util';

const marking = (id: string, definitionType: string, order: number, createdAt = '2020-01-01') => ({
  id,
  definitionType,
  order,
  createdAt,
});
const MARKINGS: MarkingInfo[] = [
  marking('tlp-clear', 'TLP', 1),
  marking('tlp-green', 'TLP', 2),
  marking('tlp-amber', 'TLP', 3),
  marking('tlp-red', 'TLP', 5),
  marking('pap-green', 'PAP', 2),
  marking('pap-red', 'PAP', 4),
  marking('statement', 'statement', 0, '2025-06-01'),
];

const group = (over: Partial<GroupGrant> = {}): GroupGrant => ({
  id: 'g1',
  capabilities: ['KNOWLEDGE'],
  markings: [],
  autoNewMarking: false,
  markingsReviewedAt: '2024-01-01',
  maxConfidence: undefined,
  ...over,
});
const user = (over: Partial<UserGrant> = {}): UserGrant => ({
  id: 'u1',
  name: 'analyst',
  maxConfidence: undefined,
  organizations: [],
  groups: [group()],
  isAdmin: false,
  ...over,
});

const allowed = (u: UserGrant) => {
  const markings = deriveAccessContext(u, MARKINGS, {
    platformOrganization: undefined,
  }).allowedMarkings;
  return markings === 'all' ? 'all' : [...markings].sort();
};

describe('deriveAccessContext', () => {
  it('widens a granted marking to every lower marking of its type, never to other types', () => {
    expect(allowed(user({ groups: [group({ markings: ['tlp-amber'] })] }))).toEqual([
      'tlp-amber',
      'tlp-clear',
      'tlp-green',
    ]);
  });

  it('unites the groups and sees nothing marked without a grant', () => {
    expect(allowed(user({ groups: [group()] }))).toEqual([]);
    expect(
      allowed(
        user({
          groups: [group({ markings: ['tlp-green'] }), group({ id: 'g2', markings: ['pap-red'] })],
        }),
      ),
    ).toEqual(['pap-green', 'pap-red', 'tlp-clear', 'tlp-green']);
  });

  it('grants markings created after an auto_new_marking group was last reviewed', () => {
    expect(allowed(user({ groups: [group({ autoNewMarking: true })] }))).toEqual(['statement']);
  });

  it('takes capabilities from the roles and bypasses everything with BYPASS or as the admin', () => {
    const plain = deriveAccessContext(user(), MARKINGS, { platformOrganization: undefined });
    expect([...plain.capabilities]).toEqual(['KNOWLEDGE']);
    expect(plain.bypass).toBe(false);
    const admin = deriveAccessContext(user({ isAdmin: true, groups: [] }), MARKINGS, {
      platformOrganization: 'org-platform',
    });
    expect(admin).toMatchObject({ bypass: true, allowedMarkings: 'all', organizations: 'all' });
    expect(
      deriveAccessContext(user({ groups: [group({ capabilities: ['BYPASS'] })] }), MARKINGS, {
        platformOrganization: undefined,
      }).maxConfidence,
    ).toBe(100);
  });

  it("uses the user's own confidence first, else the highest of his groups", () => {
    const groups = [group({ maxConfidence: 40 }), group({ id: 'g2', maxConfidence: 70 })];
    const settings = { platformOrganization: undefined };
    expect(deriveAccessContext(user({ groups }), MARKINGS, settings).maxConfidence).toBe(70);
    expect(
      deriveAccessContext(user({ groups, maxConfidence: 20 }), MARKINGS, settings).maxConfidence,
    ).toBe(20);
  });

  it('segregates by organization only outside the platform organization', () => {
    const settings = { platformOrganization: 'org-platform' };
    expect(
      deriveAccessContext(user(), MARKINGS, { platformOrganization: undefined }).organizations,
    ).toBe('all');
    expect(
      deriveAccessContext(user({ organizations: ['org-platform'] }), MARKINGS, settings)
        .organizations,
    ).toBe('all');
    const outside = deriveAccessContext(user({ organizations: ['org-a'] }), MARKINGS, settings);
    expect(outside.organizations).toEqual(new Set(['org-a']));
  });
});

describe('deriveAccessContext: per-type confidence and default markings', () => {
  const settings = { platformOrganization: undefined };

  it("takes the groups' highest override per type, unless the user has his own level", () => {
    const groups = [
      group({
        maxConfidence: 60,
        confidenceOverrides: [{ entity_type: 'Malware', max_confidence: 20 }],
      }),
      group({
        id: 'g2',
        maxConfidence: 40,
        confidenceOverrides: [{ entity_type: 'Malware', max_confidence: 30 }],
      }),
    ];
    const ctx = deriveAccessContext(user({ groups }), MARKINGS, settings);
    expect(ctx.maxConfidence).toBe(60);
    expect(ctx.confidenceOverrides).toEqual({ Malware: 30 });
    expect(maxConfidenceFor(ctx, 'Malware')).toBe(30);
    expect(maxConfidenceFor(ctx, 'Tool')).toBe(60);
    const own = deriveAccessContext(
      user({ groups, maxConfidence: 90, confidenceOverrides: [] }),
      MARKINGS,
      settings,
    );
    expect(maxConfidenceFor(own, 'Malware')).toBe(90);
  });

  it('unites the default markings of the groups per type', () => {
    const ctx = deriveAccessContext(
      user({
        groups: [
          group({ defaultMarkings: [{ entity_type: 'GLOBAL', values: ['tlp-green'] }] }),
          group({
            id: 'g2',
            defaultMarkings: [
              { entity_type: 'GLOBAL', values: ['pap-green'] },
              { entity_type: 'Report', values: ['tlp-amber'] },
            ],
          }),
        ],
      }),
      MARKINGS,
      settings,
    );
    expect(ctx.defaultMarkings).toEqual({
      GLOBAL: ['tlp-green', 'pap-green'],
      Report: ['tlp-amber'],
    });
  });
});

describe('deriveAccessContext: max shareable markings', () => {
  it('keeps per type the widest limit of the groups that set one, by internal or STIX id', () => {
    const markings = MARKINGS.map((m) => ({ ...m, standardId: `marking-definition--${m.id}` }));
    const ctx = deriveAccessContext(
      user({
        groups: [
          group({ maxShareable: [{ type: 'TLP', value: 'tlp-green' }] }),
          group({
            id: 'g2',
            maxShareable: [
              { type: 'TLP', value: 'marking-definition--tlp-amber' },
              { type: 'PAP', value: 'none' },
            ],
          }),
        ],
      }),
      markings,
      { platformOrganization: undefined },
    );
    expect(ctx.maxShareable).toEqual({ TLP: 3, PAP: -1 });
  });
});
