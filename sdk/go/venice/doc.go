// Venice.ai API keys as declared infrastructure.
package venice
