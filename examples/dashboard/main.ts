// The reference dashboard is composed only from the public elements.
import '@goldboard/elements';
