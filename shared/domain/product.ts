/** Product data: models, catalog items, sold products, install base items (a tree per site), assets. */
import { z } from 'zod';
import { defineEntity, isoDate, opt, ref, text, type RecordOf } from './entity';

export const productModelDef = defineEntity('productModel', 'product_models', {
  name: text(200),
  manufacturer: opt(text(120)),
  modelNumber: opt(text(80)),
  kind: z.enum(['hardware', 'software', 'service', 'permit', 'benefit', 'infrastructure']),
  description: opt(text(4000)),
});
export type ProductModel = RecordOf<typeof productModelDef>;

export const catalogItemDef = defineEntity('catalogItem', 'catalog_items', {
  name: text(200),
  category: text(120),
  productModelId: opt(ref('productModel')),
  description: opt(text(4000)),
  isActive: z.boolean().default(true),
});
export type CatalogItem = RecordOf<typeof catalogItemDef>;

const ownerFields = {
  accountId: opt(ref('account')),
  consumerId: opt(ref('consumer')),
  householdId: opt(ref('household')),
};

export const soldProductDef = defineEntity('soldProduct', 'sold_products', {
  name: text(200),
  productModelId: ref('productModel'),
  parentSoldProductId: opt(ref('soldProduct')),
  ...ownerFields,
  serialNumber: opt(text(80)),
  purchasedOn: opt(isoDate),
  status: z.enum(['active', 'suspended', 'retired']).default('active'),
});
export type SoldProduct = RecordOf<typeof soldProductDef>;

export const installBaseStates = ['installed', 'in_service', 'faulty', 'under_repair', 'replaced', 'retired'] as const;

/** An installed product as configured at a site; parentId/rootId make the per-site tree. */
export const installBaseItemDef = defineEntity('installBaseItem', 'install_base_items', {
  name: text(200),
  parentId: opt(ref('installBaseItem')),
  rootId: opt(ref('installBaseItem')),
  soldProductId: opt(ref('soldProduct')),
  productModelId: opt(ref('productModel')),
  ...ownerFields,
  locationId: opt(ref('businessLocation')),
  addressId: opt(ref('address')),
  serialNumber: opt(text(80)),
  state: z.enum(installBaseStates).default('installed'),
  installedOn: opt(isoDate),
});
export type InstallBaseItem = RecordOf<typeof installBaseItemDef>;

export const assetDef = defineEntity('asset', 'assets', {
  name: text(200),
  assetTag: text(40),
  productModelId: ref('productModel'),
  installBaseItemId: opt(ref('installBaseItem')),
  serialNumber: opt(text(80)),
  state: z.enum(['in_use', 'in_stock', 'in_maintenance', 'retired']).default('in_use'),
});
export type Asset = RecordOf<typeof assetDef>;
