/**
 * The vendor's support request form: found by its fields' words and roles,
 * filled as a person would type, never sent. Its address and fields are not
 * public (shared/domain/DOMAIN.md); what the demo draws is one guess of many,
 * so nothing here depends on its names or markup.
 */
import { linkSaying } from './page';
import { normalise } from './texts';
import { fieldWords } from './upload-form';
import {
  SUPPORT_CATEGORY, SUPPORT_EMAIL, SUPPORT_FORM_WORDS, SUPPORT_LICENSES_CATEGORY, SUPPORT_MESSAGE, SUPPORT_PHONE, SUPPORT_REQUEST_LINK,
  SUPPORT_SUBJECT,
} from './words';

export interface SupportForm {
  form: HTMLFormElement;
  subject: HTMLInputElement;
  message: HTMLTextAreaElement;
  email?: HTMLInputElement;
  phone?: HTMLInputElement;
  category?: HTMLSelectElement;
  files?: HTMLInputElement;
}

const usable = (field: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement) => !field.disabled && !('readOnly' in field && field.readOnly)
  && field.getAttribute('type') !== 'hidden' && field.getAttribute('aria-hidden') !== 'true';

/**
 * The form of this page that takes a support request: a subject line and a
 * message box, in a form that says it is a request («обращение», "support").
 * A log-in form, a search box or a forum's one-box reply is none.
 */
export function supportForm(doc: Document): SupportForm | undefined {
  for (const form of doc.querySelectorAll('form')) {
    if (form.querySelector('input[type="password"]')) continue;
    const inputs = [...form.querySelectorAll('input')].filter(usable);
    const texts = inputs.filter((input) => input.type === 'text' || input.type === '' || input.type === 'search');
    const areas = [...form.querySelectorAll('textarea')].filter(usable);
    const message = areas.find((area) => SUPPORT_MESSAGE.test(fieldWords(area))) ?? (areas.length === 1 ? areas[0] : undefined);
    const subject = texts.find((input) => SUPPORT_SUBJECT.test(fieldWords(input)) && !SUPPORT_EMAIL.test(fieldWords(input)));
    if (!message || !subject) continue;
    const heading = normalise(`${form.getAttribute('aria-label') ?? ''} ${doc.title} ${doc.querySelector('h1')?.textContent ?? ''} ${form.textContent ?? ''}`);
    if (!SUPPORT_FORM_WORDS.test(heading)) continue;
    const email = inputs.find((input) => input.type === 'email') ?? texts.find((input) => input !== subject && SUPPORT_EMAIL.test(fieldWords(input)));
    const phone = inputs.find((input) => input.type === 'tel') ?? texts.find((input) => input !== subject && SUPPORT_PHONE.test(fieldWords(input)));
    const category = [...form.querySelectorAll('select')].filter(usable).find((select) => SUPPORT_CATEGORY.test(fieldWords(select)));
    const files = inputs.find((input) => input.type === 'file');
    return { form, subject, message, ...(email && { email }), ...(phone && { phone }), ...(category && { category }), ...(files && { files }) };
  }
  return undefined;
}

/** Where this page leads to a new support request, if it does. */
export const supportRequestLink = (doc: Document, location: URL): URL | undefined => linkSaying(doc, SUPPORT_REQUEST_LINK, location);

/**
 * Types a value in as a person would: through the element's own value
 * setter (a page's framework may watch it) and with the events typing
 * makes. Only an empty field is filled, unless `over` says otherwise: what
 * the person typed there is theirs.
 */
function type(field: HTMLInputElement | HTMLTextAreaElement, value: string, over = true): boolean {
  if (!over && field.value.trim() !== '') return false;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  return true;
}

export interface SupportFill {
  subject: string;
  message: string;
  email?: string;
  /** A file for the form's attachment field, where it has one. */
  attachment?: File;
}

/** What was filled, by field: the subject and message always, the rest where the form has them and they were empty. */
export type FilledField = 'subject' | 'message' | 'email' | 'category' | 'attachment';

export function fillSupportForm(found: SupportForm, fill: SupportFill): FilledField[] {
  const filled: FilledField[] = [];
  if (type(found.subject, fill.subject)) filled.push('subject');
  if (type(found.message, fill.message)) filled.push('message');
  if (found.email && fill.email && type(found.email, fill.email, false)) filled.push('email');
  const category = found.category;
  if (category && category.selectedIndex <= 0) {
    const option = [...category.options].find((candidate) => candidate.value !== '' && SUPPORT_LICENSES_CATEGORY.test(normalise(candidate.text)));
    if (option) {
      category.value = option.value;
      category.dispatchEvent(new Event('change', { bubbles: true }));
      filled.push('category');
    }
  }
  if (found.files && fill.attachment) {
    const transfer = new DataTransfer();
    transfer.items.add(fill.attachment);
    found.files.files = transfer.files;
    found.files.dispatchEvent(new Event('change', { bubbles: true }));
    filled.push('attachment');
  }
  return filled;
}
