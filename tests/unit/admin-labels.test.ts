import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPONENT_LABELS, CONTENT_TYPE_LABELS } from '../../cms/src/admin-labels/labels.ts';

const apiDir = path.resolve('cms/src/api');
const componentsDir = path.resolve('cms/src/components');

// Every API folder that defines a content type (some, like preview, only have routes).
const schemas = readdirSync(apiDir)
  .filter((type) => existsSync(path.join(apiDir, type, 'content-types')))
  .map((type) => {
    const schema = JSON.parse(readFileSync(path.join(apiDir, type, 'content-types', type, 'schema.json'), 'utf8')) as {
      info: { displayName: string };
      attributes: Record<string, unknown>;
    };
    return { uid: `api::${type}.${type}`, schema };
  });

const components = readdirSync(componentsDir).flatMap((category) =>
  readdirSync(path.join(componentsDir, category)).map((file) => ({
    uid: `${category}.${file.replace(/\.json$/, '')}`,
    schema: JSON.parse(readFileSync(path.join(componentsDir, category, file), 'utf8')) as { attributes: Record<string, unknown> },
  })),
);

describe('Vietnamese admin labels', () => {
  it.each(schemas)('label every field of $uid', ({ uid, schema }) => {
    const labels = CONTENT_TYPE_LABELS[uid];
    expect(labels, `no labels for ${uid}`).toBeDefined();
    expect(Object.keys(schema.attributes).filter((field) => !labels!.fields[field])).toEqual([]);
    expect(schema.attributes[labels!.mainField]).toBeDefined();
  });

  it.each(components)('label every field of the component $uid', ({ uid, schema }) => {
    const labels = COMPONENT_LABELS[uid];
    expect(labels, `no labels for ${uid}`).toBeDefined();
    expect(Object.keys(schema.attributes).filter((field) => !labels!.fields[field])).toEqual([]);
  });

  it('name every content type in Vietnamese', () => {
    for (const { schema } of schemas) expect(schema.info.displayName).toMatch(/[À-ỹĐđ]|Công khai|Văn bản/);
  });
});
