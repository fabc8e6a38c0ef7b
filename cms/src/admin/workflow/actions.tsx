import { Modal } from '@strapi/design-system';
import { useAuth, useIsDesktop, useNotification } from '@strapi/strapi/admin';
import { useEffect } from 'react';
import { isReviewed, STATES } from '../../workflow/states';
import { takeConfirmation } from './api';
import { VersionsAction } from './VersionsAction';
import { WorkflowBox } from './WorkflowPanel';

/** What the content manager passes to a document action (Strapi 5's DocumentActionProps, the part we read). */
interface ActionProps {
  model: string;
  documentId?: string;
  document?: { reviewState?: string | null; createdBy?: { id: number } | null } | null;
  [key: string]: unknown;
}
type DocumentAction = ((props: ActionProps) => unknown) & { type?: string; position?: unknown };

// Strapi's publish action, kept by reviewDocumentActions: the guard below renders it where it may succeed.
let strapiPublish: DocumentAction | null = null;

/**
 * Strapi's own publish button, shown only where publishing can succeed: an approved item, or a draft
 * the signed-in person wrote (the Ban giám hiệu's own work is self-approved). On an item under review
 * the server would refuse it; "Duyệt và đăng" in the review panel is the action there.
 */
const GuardedPublish: DocumentAction = (props) => {
  // Always called, in the same order: the original action uses hooks.
  const description = strapiPublish ? strapiPublish(props) : null;
  const user = useAuth('GuardedPublish', (state) => state.user) as { id: number } | undefined;
  if (!isReviewed(props.model) || !props.document) return description;
  const state = props.document.reviewState ?? STATES.draft;
  const own = user !== undefined && props.document.createdBy?.id === user.id;
  return state === STATES.approved || (state === STATES.draft && own) ? description : null;
};

/**
 * On a phone the side panels sit in a drawer behind an icon-only toggle: the review panel gets a button
 * of its own, with its name on it, in the bar at the bottom of the edit view.
 */
const ReviewOnPhone: DocumentAction = (props) => {
  const isDesktop = useIsDesktop();
  const { toggleNotification } = useNotification();
  const shown = !isDesktop && isReviewed(props.model) && Boolean(props.documentId);
  useEffect(() => {
    if (!shown) return;
    // What the last step did (kept across the reload that follows it), as a notice with its link.
    const confirmation = takeConfirmation(`${props.model}/${props.documentId}`);
    if (confirmation) {
      toggleNotification({
        type: 'success',
        message: confirmation.message,
        timeout: 15_000,
        ...(confirmation.link ? { link: { url: confirmation.link, label: 'Xem trên trang' } } : {}),
      });
    }
  }, [shown, props.model, props.documentId, toggleNotification]);
  if (!shown || !props.documentId) return null;
  return {
    label: 'Duyệt nội dung',
    position: 'panel',
    dialog: {
      type: 'modal',
      title: 'Duyệt nội dung',
      content: (
        <Modal.Body>
          <WorkflowBox model={props.model} documentId={props.documentId} inline={false} />
        </Modal.Body>
      ),
    },
  };
};
ReviewOnPhone.type = 'portal-review';
ReviewOnPhone.position = 'panel';

export function reviewDocumentActions(actions: DocumentAction[]): DocumentAction[] {
  return [
    ReviewOnPhone,
    ...actions.map((action) => {
      if (action.type !== 'publish') return action;
      strapiPublish = action;
      GuardedPublish.type = action.type;
      GuardedPublish.position = action.position;
      return GuardedPublish;
    }),
    VersionsAction,
  ];
}
