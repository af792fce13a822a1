// The one helper the dashboard's modules build their DOM with.

/**
 * An element with attributes (class, text, anything else as an attribute; null, undefined and false are left out,
 * true is an empty attribute) and children (nodes, or text; null, undefined and false are left out; arrays flattened).
 */
export function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
        if (value === null || value === undefined || value === false) continue;
        if (key === 'class') node.className = value;
        else if (key === 'text') node.textContent = value;
        else node.setAttribute(key, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
        if (child === null || child === undefined || child === false) continue;
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
}
