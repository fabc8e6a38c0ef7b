import type { Core } from '@strapi/strapi';
import { COMPONENT_LABELS, CONTENT_TYPE_LABELS, SYSTEM_FIELD_LABELS, type ViewLabels } from './labels';

interface FieldMeta {
  edit?: Record<string, unknown>;
  list?: Record<string, unknown>;
}
interface Configuration {
  settings: Record<string, unknown>;
  metadatas: Record<string, FieldMeta>;
  layouts: unknown;
}
interface ConfigService {
  findConfiguration(model: { uid: string }): Promise<Configuration>;
  updateConfiguration(model: { uid: string }, configuration: Configuration): Promise<unknown>;
}

function relabel(configuration: Configuration, labels: ViewLabels): Configuration {
  const metadatas = { ...configuration.metadatas };
  for (const [field, meta] of Object.entries(metadatas)) {
    const label = labels.fields[field] ?? SYSTEM_FIELD_LABELS[field];
    if (!label) continue;
    metadatas[field] = {
      ...meta,
      edit: meta.edit
        ? {
            ...meta.edit,
            label,
            ...(labels.hidden?.includes(field) ? { visible: false } : {}),
            ...(labels.readOnly?.includes(field) ? { editable: false } : {}),
          }
        : meta.edit,
      list: meta.list ? { ...meta.list, label } : meta.list,
    };
  }
  const layouts = labels.list ? { ...(configuration.layouts as Record<string, unknown>), list: labels.list } : configuration.layouts;
  const sort = labels.sort ? { defaultSortBy: labels.sort.by, defaultSortOrder: labels.sort.order } : {};
  return { ...configuration, settings: { ...configuration.settings, mainField: labels.mainField, ...sort }, metadatas, layouts };
}

/** Writes the Vietnamese labels into the content-manager configuration; unchanged ones are skipped. */
export async function applyAdminLabels(strapi: Core.Strapi): Promise<void> {
  const cm = strapi.plugin('content-manager');
  const targets: [ConfigService, Record<string, ViewLabels>][] = [
    [cm.service('content-types') as unknown as ConfigService, CONTENT_TYPE_LABELS],
    [cm.service('components') as unknown as ConfigService, COMPONENT_LABELS],
  ];
  for (const [service, table] of targets) {
    for (const [uid, labels] of Object.entries(table)) {
      const current = await service.findConfiguration({ uid });
      const next = relabel(current, labels);
      if (JSON.stringify(next) !== JSON.stringify(current)) {
        const { settings, metadatas, layouts } = next;
        await service.updateConfiguration({ uid }, { settings, metadatas, layouts });
      }
    }
  }
}
