/** The products and install base the person or account holds (a contact: its account's), as a tree. */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonData } from './personData';
import { ProductTree } from './ProductTree';
import { Section } from './Section';

export function ProductsSection({ data }: { data: PersonData }) {
  const { t } = useTranslation();
  const keysId = useId();
  const heldBy = data.identity.kind === 'contact' && data.holder ? <p>{t('people.heldByAccount', { name: data.holder.name })}</p> : null;
  return (
    <Section isWide={false} title={t('people.productsTitle')} isEmpty={false} none="">
      {heldBy}
      {data.products.length === 0 ? (
        <p className="muted">{t('people.noProducts')}</p>
      ) : (
        <>
          <ProductTree forest={data.products} label={t('people.productsTitle')} describedBy={keysId} />
          <p id={keysId} className="p360-hint">
            {t('people.treeKeys')}
          </p>
        </>
      )}
    </Section>
  );
}
